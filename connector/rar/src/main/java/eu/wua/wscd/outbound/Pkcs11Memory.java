package eu.wua.wscd.outbound;

import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * PKCS#11's structures in native memory: {@code CK_ATTRIBUTE} templates and {@code CK_MECHANISM},
 * both laid out as {type, pointer, length} with the platform's C alignment (Linux and other Unix:
 * Windows packs PKCS#11 structures to 1 byte and is not supported).
 */
final class Pkcs11Memory {

    private static final int ULONG = NativeLong.SIZE;
    private static final int POINTER_OFFSET = align(ULONG, Native.POINTER_SIZE);
    private static final int LENGTH_OFFSET = POINTER_OFFSET + Native.POINTER_SIZE;
    private static final int ENTRY = align(LENGTH_OFFSET + ULONG, Math.max(ULONG, Native.POINTER_SIZE));

    private Pkcs11Memory() {
    }

    /** A template of attributes, each with a value to write or a buffer to read into. */
    static final class Template {

        private final List<Long> types = new ArrayList<>();
        private final List<Memory> values = new ArrayList<>();
        private final List<Long> lengths = new ArrayList<>();
        private Entries entries;

        Template bytes(long type, byte[] value) {
            Memory memory = new Memory(Math.max(1, value.length));
            memory.write(0, value, 0, value.length);
            return add(type, memory, value.length);
        }

        Template bool(long type, boolean value) {
            Memory memory = new Memory(1);
            memory.setByte(0, (byte) (value ? 1 : 0));
            return add(type, memory, 1);
        }

        Template ulong(long type, long value) {
            Memory memory = new Memory(ULONG);
            memory.setNativeLong(0, new NativeLong(value));
            return add(type, memory, ULONG);
        }

        /** An attribute to read: the length comes back first, the value on a second call. */
        Template read(long type) {
            return add(type, null, 0);
        }

        private Template add(long type, Memory value, int length) {
            types.add(type);
            values.add(value);
            lengths.add((long) length);
            entries = null;
            return this;
        }

        /**
         * The {@code CK_ATTRIBUTE} array to pass to a call. It holds the values' memory, so that
         * what a call reads stays allocated while the call runs (JNA keeps its arguments alive).
         */
        Pointer pointer() {
            if (entries == null) {
                entries = new Entries((long) ENTRY * types.size(), values);
                for (int i = 0; i < types.size(); i++) {
                    long at = (long) ENTRY * i;
                    entries.setNativeLong(at, new NativeLong(types.get(i)));
                    entries.setPointer(at + POINTER_OFFSET, values.get(i));
                    entries.setNativeLong(at + LENGTH_OFFSET, new NativeLong(lengths.get(i)));
                }
            }
            return entries;
        }

        NativeLong count() {
            return new NativeLong(types.size());
        }

        /** After a call without buffers: gives each attribute a buffer of the length the token said. */
        void allocateReported() {
            Pointer p = pointer();
            for (int i = 0; i < types.size(); i++) {
                long length = p.getNativeLong((long) ENTRY * i + LENGTH_OFFSET).longValue();
                if (length < 0 || length > 1 << 20) {
                    throw new IllegalStateException("the token reports an attribute of " + length + " bytes");
                }
                Memory buffer = new Memory(Math.max(1, length));
                values.set(i, buffer);
                lengths.set(i, length);
                p.setPointer((long) ENTRY * i + POINTER_OFFSET, buffer);
                p.setNativeLong((long) ENTRY * i + LENGTH_OFFSET, new NativeLong(length));
            }
        }

        /** The value the token wrote for attribute {@code index}. */
        byte[] value(int index) {
            long length = pointer().getNativeLong((long) ENTRY * index + LENGTH_OFFSET).longValue();
            return values.get(index).getByteArray(0, (int) length);
        }
    }

    /** Native memory that keeps other native memory (the attribute values it points to) from being freed. */
    private static final class Entries extends Memory {
        @SuppressWarnings("unused") // held for reachability only
        private final List<Memory> values;

        Entries(long size, List<Memory> values) {
            super(size);
            this.values = values;
        }
    }

    /** A {@code CK_MECHANISM} without parameters. */
    static Pointer mechanism(long type) {
        Memory memory = new Memory(ENTRY);
        memory.clear();
        memory.setNativeLong(0, new NativeLong(type));
        return memory;
    }

    /** A {@code CK_C_INITIALIZE_ARGS} asking the library to lock with the operating system's primitives. */
    static Pointer initializeArgs() {
        Memory memory = new Memory(4L * Native.POINTER_SIZE + ULONG + Native.POINTER_SIZE);
        memory.clear();
        memory.setNativeLong(4L * Native.POINTER_SIZE, new NativeLong(Pkcs11Library.CKF_OS_LOCKING_OK));
        return memory;
    }

    private static int align(int offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }
}
