package eu.wua.wscd.outbound;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;

import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.KeyHandle;
import eu.wua.wscd.KeyOwner;
import eu.wua.wscd.UnknownKey;
import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdException;
import eu.wua.wscd.WscdUnavailable;

import static eu.wua.wscd.outbound.Pkcs11Library.*;

/**
 * A PKCS#11 token called directly. A key is a pair of token objects whose {@code CKA_ID} and
 * {@code CKA_LABEL} are the handle: the private key sensitive and not extractable, the public key
 * public, so that it can be read without a login. Keys are found by {@code CKA_ID}, one search
 * per key, which the token answers from its own index: SunPKCS11's key store, used before, read
 * every object of the token for each key it wrote. Keys written by that key store (a private key
 * with the handle as {@code CKA_ID} beside a holder certificate) are read as they are.
 */
final class Pkcs11Token implements Token {

    private static final String BACKEND = TokenSettings.PKCS11;
    // DER of the named curve secp256r1 (1.2.840.10045.3.1.7), as CKA_EC_PARAMS holds it
    private static final byte[] P256 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};
    private static final Pointer ECDSA = Pkcs11Memory.mechanism(CKM_ECDSA);
    private static final Pointer EC_KEY_PAIR_GEN = Pkcs11Memory.mechanism(CKM_EC_KEY_PAIR_GEN);
    private static final int HANDLE_CACHE_SIZE = 100_000;
    private static final ECParameterSpec P256_SPEC = p256();

    private final Pkcs11Library library;
    private final NativeLong slot;
    private final WscdDescription description;
    private final Deque<Session> idleSessions = new ConcurrentLinkedDeque<>();
    // one key generation at a time: SoftHSM2 answered CKR_GENERAL_ERROR to concurrent ones (the
    // SunPKCS11 key store used before serialised them as well); a P-256 key takes milliseconds
    private final Object generation = new Object();
    private volatile boolean closed;
    // an object handle per key: a search costs a token round trip per signature otherwise
    private final Map<KeyHandle, NativeLong> privateKeys = Token.keyCache(HANDLE_CACHE_SIZE);

    /**
     * A PKCS#11 session with the native buffers a signature needs, allocated once: a signature
     * then allocates no native memory (JNA frees its memory through a cleaner, which costs more
     * than the call under load).
     */
    private static final class Session {
        final NativeLong handle;
        final MessageDigest sha256 = sha256();
        final Memory digest = new Memory(32);
        final Memory signature = new Memory(132); // room for P-521; P-256 gives 64
        final NativeLongByReference signatureLength = new NativeLongByReference();

        Session(NativeLong handle) {
            this.handle = handle;
        }
    }

    private Pkcs11Token(Pkcs11Library library, NativeLong slot, String libraryPath) {
        this.library = library;
        this.slot = slot;
        this.description = new WscdDescription(BACKEND, "PKCS#11 token via " + libraryPath + " slot " + slot, false);
    }

    /** Loads the library, finds the slot and logs in; the PIN is not kept. */
    static Pkcs11Token open(String libraryPath, Integer slotId, int slotListIndex, char[] pin) throws WscdException {
        Pkcs11Library library;
        try {
            library = Native.load(libraryPath, Pkcs11Library.class);
        } catch (UnsatisfiedLinkError e) {
            throw new WscdUnavailable("cannot load the PKCS#11 library " + libraryPath + ": " + e.getMessage(), e);
        }
        long initialised = library.C_Initialize(Pkcs11Memory.initializeArgs()).longValue();
        // another user in this process (a second factory, SunPKCS11) may have initialised it first
        if (initialised != CKR_OK && initialised != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
            throw failure("C_Initialize", initialised);
        }
        NativeLong slot = slotId != null ? new NativeLong(slotId) : slotAt(library, slotListIndex);
        Pkcs11Token token = new Pkcs11Token(library, slot, libraryPath);
        Session session = token.openSession();
        byte[] pinBytes = utf8(pin);
        try {
            long login = library.C_Login(session.handle, new NativeLong(CKU_USER), pinBytes, new NativeLong(pinBytes.length)).longValue();
            // the login belongs to the process and the token: a token opened again after a failure may still have it
            if (login != CKR_OK && login != CKR_USER_ALREADY_LOGGED_IN) {
                token.close();
                throw failure("C_Login", login);
            }
        } finally {
            Arrays.fill(pinBytes, (byte) 0);
        }
        token.idleSessions.push(session);
        return token;
    }

    /** The PIN's bytes without an immutable String copy of it left on the heap. */
    private static byte[] utf8(char[] pin) {
        java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(pin));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    private static NativeLong slotAt(Pkcs11Library library, int index) throws WscdException {
        NativeLongByReference count = new NativeLongByReference();
        check("C_GetSlotList", library.C_GetSlotList((byte) 1, null, count));
        NativeLong[] slots = new NativeLong[Math.max(1, count.getValue().intValue())];
        check("C_GetSlotList", library.C_GetSlotList((byte) 1, slots, count));
        if (index < 0 || index >= count.getValue().intValue()) {
            throw new WscdUnavailable("the PKCS#11 library has " + count.getValue() + " slots with a token; index " + index
                    + " does not exist", null);
        }
        return slots[index];
    }

    @Override
    public WscdDescription description() {
        return description;
    }

    @Override
    public GeneratedKey generate(KeyOwner owner, String label) throws WscdException {
        KeyHandle handle = KeyHandle.of(owner, label);
        byte[] id = id(handle);
        // also keeps two requests for one handle in this process from both making a key; the handle's
        // uniqueness across nodes is the platform's (one owner per wallet instance, unique labels)
        synchronized (generation) {
            return withSession("key generation", borrowed -> {
                NativeLong session = borrowed.handle;
                requireLogin(session);
                if (!find(session, CKO_PRIVATE_KEY, id).isEmpty()) {
                    throw new WscdException("a key " + handle + " exists already");
                }
                Pkcs11Memory.Template publicTemplate = new Pkcs11Memory.Template()
                        .bool(CKA_TOKEN, true).bool(CKA_PRIVATE, false).bool(CKA_VERIFY, true)
                        .bytes(CKA_EC_PARAMS, P256).bytes(CKA_ID, id).bytes(CKA_LABEL, id);
                Pkcs11Memory.Template privateTemplate = new Pkcs11Memory.Template()
                        .bool(CKA_TOKEN, true).bool(CKA_PRIVATE, true).bool(CKA_SIGN, true)
                        .bool(CKA_SENSITIVE, true).bool(CKA_EXTRACTABLE, false)
                        .bytes(CKA_ID, id).bytes(CKA_LABEL, id);
                NativeLongByReference publicKey = new NativeLongByReference();
                NativeLongByReference privateKey = new NativeLongByReference();
                check("C_GenerateKeyPair", library.C_GenerateKeyPair(session, EC_KEY_PAIR_GEN,
                        publicTemplate.pointer(), publicTemplate.count(), privateTemplate.pointer(), privateTemplate.count(),
                        publicKey, privateKey));
                privateKeys.put(handle, privateKey.getValue());
                return new GeneratedKey(handle, ecPublicKey(attribute(session, publicKey.getValue(), CKA_EC_POINT)));
            });
        }
    }

    @Override
    public ECPublicKey publicKey(KeyHandle handle) throws WscdException {
        byte[] id = id(handle);
        return withSession("public key read", borrowed -> {
            NativeLong session = borrowed.handle;
            List<NativeLong> publicKeys = find(session, CKO_PUBLIC_KEY, id);
            if (!publicKeys.isEmpty()) {
                return ecPublicKey(attribute(session, publicKeys.get(0), CKA_EC_POINT));
            }
            List<NativeLong> certificates = find(session, CKO_CERTIFICATE, id);
            if (!certificates.isEmpty()) { // a key written by SunPKCS11's key store
                return holderCertificateKey(attribute(session, certificates.get(0), CKA_VALUE));
            }
            throw new UnknownKey(handle);
        });
    }

    @Override
    public byte[] signEs256(KeyHandle handle, byte[] data) throws WscdException {
        return withSession("signature", session -> {
            NativeLong key = privateKey(session.handle, handle);
            byte[] digest = session.sha256.digest(data);
            try {
                check("C_SignInit", library.C_SignInit(session.handle, ECDSA, key));
                session.digest.write(0, digest, 0, digest.length);
                session.signatureLength.setValue(new NativeLong(session.signature.size()));
                check("C_Sign", library.C_Sign(session.handle, session.digest, new NativeLong(digest.length), session.signature,
                        session.signatureLength));
                long length = session.signatureLength.getValue().longValue();
                if (length != 64) {
                    throw new WscdUnavailable("the PKCS#11 token gave an ECDSA signature of " + length
                            + " bytes for the P-256 key " + handle, null);
                }
                return session.signature.getByteArray(0, 64);
            } catch (WscdUnavailable e) {
                privateKeys.remove(handle); // the handle dies with the login or the session
                throw e;
            }
        });
    }

    @Override
    public void destroy(KeyHandle handle) throws WscdException {
        byte[] id = id(handle);
        withSession("key destruction", borrowed -> {
            NativeLong session = borrowed.handle;
            requireLogin(session); // else the private key is hidden and would stay
            privateKeys.remove(handle);
            List<NativeLong> objects = new ArrayList<>(find(session, CKO_PRIVATE_KEY, id));
            objects.addAll(find(session, CKO_PUBLIC_KEY, id));
            objects.addAll(find(session, CKO_CERTIFICATE, id));
            for (NativeLong object : objects) {
                check("C_DestroyObject", library.C_DestroyObject(session, object));
            }
            return null;
        });
    }

    /** Reads every private key's id: the one operation that grows with the token (not on a request's path). */
    @Override
    public List<KeyHandle> keysOf(KeyOwner owner) throws WscdException {
        String prefix = owner.value() + "/";
        return withSession("key listing", borrowed -> {
            NativeLong session = borrowed.handle;
            requireLogin(session);
            List<KeyHandle> keys = new ArrayList<>();
            for (NativeLong object : find(session, CKO_PRIVATE_KEY, null)) {
                String id = new String(attribute(session, object, CKA_ID), StandardCharsets.US_ASCII);
                if (id.startsWith(prefix)) {
                    keys.add(new KeyHandle(id));
                }
            }
            keys.sort((a, b) -> a.value().compareTo(b.value()));
            return keys;
        });
    }

    /** Closes the idle sessions now and the busy ones when their operation ends: other threads may be using them. */
    @Override
    public void close() {
        closed = true;
        for (Session session = idleSessions.poll(); session != null; session = idleSessions.poll()) {
            closeSession(session);
        }
    }

    private void closeSession(Session session) {
        library.C_CloseSession(session.handle); // a token that failed may refuse: nothing more to do
    }

    private NativeLong privateKey(NativeLong session, KeyHandle handle) throws WscdException {
        NativeLong cached = privateKeys.get(handle);
        if (cached != null) {
            return cached;
        }
        List<NativeLong> found = find(session, CKO_PRIVATE_KEY, id(handle));
        if (found.isEmpty()) {
            // a token hides private objects from a session without a login: the key may be there
            requireLogin(session);
            throw new UnknownKey(handle);
        }
        privateKeys.put(handle, found.get(0));
        return found.get(0);
    }

    /** A token that lost its login (an HSM restart, a dropped session) is unavailable, not empty. */
    private void requireLogin(NativeLong session) throws WscdException {
        Memory info = new Memory(4L * NativeLong.SIZE);
        check("C_GetSessionInfo", library.C_GetSessionInfo(session, info));
        long state = info.getNativeLong(NativeLong.SIZE).longValue();
        if (state != CKS_RW_USER_FUNCTIONS && state != CKS_RO_USER_FUNCTIONS) {
            throw new WscdUnavailable("the " + BACKEND + " WSCD has lost its login (session state " + state + ")", null);
        }
    }

    private List<NativeLong> find(NativeLong session, long objectClass, byte[] id) throws WscdException {
        Pkcs11Memory.Template template = new Pkcs11Memory.Template().ulong(CKA_CLASS, objectClass);
        if (id != null) {
            template.bytes(CKA_ID, id);
        }
        check("C_FindObjectsInit", library.C_FindObjectsInit(session, template.pointer(), template.count()));
        try {
            List<NativeLong> objects = new ArrayList<>();
            NativeLong[] batch = new NativeLong[id != null ? 4 : 256];
            NativeLongByReference count = new NativeLongByReference();
            do {
                check("C_FindObjects", library.C_FindObjects(session, batch, new NativeLong(batch.length), count));
                objects.addAll(Arrays.asList(batch).subList(0, count.getValue().intValue()));
            } while (count.getValue().intValue() == batch.length);
            return objects;
        } finally {
            library.C_FindObjectsFinal(session);
        }
    }

    private byte[] attribute(NativeLong session, NativeLong object, long type) throws WscdException {
        Pkcs11Memory.Template template = new Pkcs11Memory.Template().read(type);
        check("C_GetAttributeValue", library.C_GetAttributeValue(session, object, template.pointer(), template.count()));
        template.allocateReported();
        check("C_GetAttributeValue", library.C_GetAttributeValue(session, object, template.pointer(), template.count()));
        return template.value(0);
    }

    private interface SessionCall<T> {
        T call(Session session) throws WscdException;
    }

    /**
     * Runs {@code call} on a session of its own (a PKCS#11 session runs one operation at a time).
     * A session that saw the token fail is not used again.
     */
    private <T> T withSession(String operation, SessionCall<T> call) throws WscdException {
        Session session = idleSessions.poll();
        if (session == null) {
            session = openSession();
        }
        boolean reusable = false;
        try {
            T result = call.call(session);
            reusable = true;
            return result;
        } catch (WscdUnavailable e) {
            throw new WscdUnavailable(operation + " failed in the " + BACKEND + " WSCD: " + e.getMessage(), e);
        } catch (WscdException e) {
            reusable = true;
            throw e;
        } finally {
            if (reusable && !closed) {
                idleSessions.push(session);
                if (closed) {
                    close(); // closed meanwhile: this session must not stay open
                }
            } else {
                closeSession(session);
            }
        }
    }

    private Session openSession() throws WscdException {
        NativeLongByReference handle = new NativeLongByReference();
        check("C_OpenSession", library.C_OpenSession(slot, new NativeLong(CKF_SERIAL_SESSION | CKF_RW_SESSION), null, null, handle));
        return new Session(handle.getValue());
    }

    private static byte[] id(KeyHandle handle) {
        return handle.value().getBytes(StandardCharsets.US_ASCII); // a handle is ASCII by its form
    }

    /** CKA_EC_POINT is a DER OCTET STRING around the uncompressed point; some tokens give the bare point. */
    private static ECPublicKey ecPublicKey(byte[] ecPoint) throws WscdException {
        byte[] point = ecPoint.length == 67 && ecPoint[0] == 0x04 && ecPoint[1] == 65 ? Arrays.copyOfRange(ecPoint, 2, 67) : ecPoint;
        if (point.length != 65 || point[0] != 0x04) {
            throw new WscdUnavailable("the PKCS#11 token gave a public key that is not an uncompressed P-256 point", null);
        }
        try {
            ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)), new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, P256_SPEC));
        } catch (GeneralSecurityException e) {
            throw new WscdUnavailable("the PKCS#11 token gave a public key that is not on P-256", e);
        }
    }

    private static ECPublicKey holderCertificateKey(byte[] der) throws WscdException {
        try {
            return (ECPublicKey) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new WscdUnavailable("the PKCS#11 token holds an unreadable holder certificate", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has P-256", e);
        }
    }

    private static void check(String function, NativeLong result) throws WscdException {
        if (result.longValue() != CKR_OK) {
            throw failure(function, result.longValue());
        }
    }

    private static WscdUnavailable failure(String function, long code) {
        return new WscdUnavailable(function + " returned " + returnValueName(code), null);
    }

    private static final Map<Long, String> RETURN_VALUES = Map.ofEntries(
            Map.entry(CKR_GENERAL_ERROR, "CKR_GENERAL_ERROR"), Map.entry(CKR_FUNCTION_FAILED, "CKR_FUNCTION_FAILED"),
            Map.entry(CKR_ATTRIBUTE_SENSITIVE, "CKR_ATTRIBUTE_SENSITIVE"), Map.entry(CKR_DEVICE_ERROR, "CKR_DEVICE_ERROR"),
            Map.entry(CKR_DEVICE_MEMORY, "CKR_DEVICE_MEMORY"), Map.entry(CKR_DEVICE_REMOVED, "CKR_DEVICE_REMOVED"),
            Map.entry(CKR_KEY_HANDLE_INVALID, "CKR_KEY_HANDLE_INVALID"), Map.entry(CKR_OBJECT_HANDLE_INVALID, "CKR_OBJECT_HANDLE_INVALID"),
            Map.entry(CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT"), Map.entry(CKR_PIN_LOCKED, "CKR_PIN_LOCKED"),
            Map.entry(CKR_SESSION_CLOSED, "CKR_SESSION_CLOSED"), Map.entry(CKR_SESSION_HANDLE_INVALID, "CKR_SESSION_HANDLE_INVALID"),
            Map.entry(CKR_TOKEN_NOT_PRESENT, "CKR_TOKEN_NOT_PRESENT"), Map.entry(CKR_TOKEN_NOT_RECOGNIZED, "CKR_TOKEN_NOT_RECOGNIZED"),
            Map.entry(CKR_USER_NOT_LOGGED_IN, "CKR_USER_NOT_LOGGED_IN"), Map.entry(CKR_CRYPTOKI_NOT_INITIALIZED, "CKR_CRYPTOKI_NOT_INITIALIZED"));

    static String returnValueName(long code) {
        return RETURN_VALUES.getOrDefault(code, String.format("CKR 0x%X", code));
    }
}
