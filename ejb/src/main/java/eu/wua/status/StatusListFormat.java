package eu.wua.status;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.ByteArrayOutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import eu.wua.platform.TokenStatusList;

/**
 * The one class that knows the Token Status List wire format (draft-ietf-oauth-status-list §4,
 * §5): {@code bits} per entry packed from the least significant bit of each byte, ZLIB-compressed,
 * base64url; the token's header {@code typ: statuslist+jwt} and its claims.
 */
public final class StatusListFormat {


    private StatusListFormat() {
    }

    /** The packed status array of {@code size} entries of {@code bits} each. */
    public static byte[] pack(int size, int bits, Iterable<int[]> nonZeroEntries) {
        byte[] packed = new byte[(size * bits + 7) / 8];
        int perByte = 8 / bits;
        for (int[] entry : nonZeroEntries) {
            int index = entry[0];
            int shift = (index % perByte) * bits;
            packed[index / perByte] |= (byte) ((entry[1] & ((1 << bits) - 1)) << shift);
        }
        return packed;
    }

    /** The status of entry {@code index} in a packed array. */
    public static int statusAt(byte[] packed, int bits, int index) {
        int perByte = 8 / bits;
        if (index < 0 || index / perByte >= packed.length) {
            throw new IndexOutOfBoundsException("index " + index + " is outside the status list");
        }
        return (packed[index / perByte] >> ((index % perByte) * bits)) & ((1 << bits) - 1);
    }

    /** Below this a list is compressed on one thread: splitting it would cost more than it saves. */
    static final int PARALLEL_FROM_BYTES = 64 * 1024;
    private static final int WINDOW = 32 * 1024;

    /**
     * ZLIB (RFC 1950) at the highest level, as §4.1 and the spec digest ask, base64url. A large list
     * is deflated in slices on several cores as pigz does: each slice primed with the 32 KiB before
     * it as its dictionary and ended by a sync flush, so the slices join into one stream that any
     * inflater reads, nearly as small as a single-threaded one.
     */
    public static String compress(byte[] packed) {
        int slices = packed.length < PARALLEL_FROM_BYTES ? 1
                : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), packed.length / PARALLEL_FROM_BYTES));
        byte[] zlib = slices == 1 ? deflateWhole(packed) : deflateInSlices(packed, slices);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(zlib);
    }

    private static byte[] deflateWhole(byte[] packed) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION); // with the ZLIB wrapper
        deflater.setInput(packed);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] deflateInSlices(byte[] packed, int slices) {
        int sliceLength = (packed.length + slices - 1) / slices;
        byte[][] parts = java.util.stream.IntStream.range(0, slices).parallel()
                .mapToObj(i -> deflateSlice(packed, i * sliceLength, Math.min(packed.length, (i + 1) * sliceLength), i == slices - 1))
                .toArray(byte[][]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream(packed.length / 4);
        out.write(0x78); // CMF: deflate, 32 KiB window
        out.write(0xDA); // FLG: level 9, no dictionary, check bits (0x78DA % 31 == 0)
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        adler.update(packed);
        long checksum = adler.getValue();
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (checksum >>> shift) & 0xFF);
        }
        return out.toByteArray();
    }

    /** Raw deflate of {@code packed[from, to)}: sync-flushed, or finished when it is the last slice. */
    private static byte[] deflateSlice(byte[] packed, int from, int to, boolean last) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        if (from > 0) {
            int start = Math.max(0, from - WINDOW);
            deflater.setDictionary(packed, start, from - start);
        }
        deflater.setInput(packed, from, to - from);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        if (last) {
            deflater.finish();
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        } else {
            int written;
            do {
                written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, written);
            } while (written == buffer.length); // a full buffer may hold more of the flush (Deflater#deflate)
        }
        deflater.end();
        return out.toByteArray();
    }

    /** Inverse of {@link #compress}; refuses more than {@code maxBytes} (a zip bomb in a list from elsewhere). */
    public static byte[] decompress(String lst, int maxBytes) throws DataFormatException {
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getUrlDecoder().decode(lst));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("the status list is truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new DataFormatException("the status list is larger than " + maxBytes + " bytes");
                }
            }
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    public static JsonObject header(List<X509Certificate> chainWithoutRoot) {
        JsonArrayBuilder x5c = JSON.createArrayBuilder();
        for (X509Certificate certificate : chainWithoutRoot) {
            try {
                x5c.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("a status list certificate cannot be encoded", e);
            }
        }
        return JSON.createObjectBuilder().add("alg", "ES256").add("typ", TokenStatusList.TYPE).add("x5c", x5c).build();
    }

    public static JsonObject claims(String uri, Instant issuedAt, Duration validity, Duration ttl, int bits, String lst) {
        return JSON.createObjectBuilder()
                .add("sub", uri)
                .add("iat", issuedAt.getEpochSecond())
                .add("exp", issuedAt.plus(validity).getEpochSecond())
                .add("ttl", ttl.toSeconds())
                .add("status_list", JSON.createObjectBuilder().add("bits", bits).add("lst", lst))
                .build();
    }
}
