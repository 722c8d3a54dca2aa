package eu.wua.status;

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

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/**
 * The one class that knows the Token Status List wire format (draft-ietf-oauth-status-list §4,
 * §5): {@code bits} per entry packed from the least significant bit of each byte, ZLIB-compressed,
 * base64url; the token's header {@code typ: statuslist+jwt} and its claims.
 */
public final class StatusListFormat {

    public static final String TYPE = "statuslist+jwt";
    public static final String MEDIA_TYPE = "application/statuslist+jwt";

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

    public static String compress(byte[] packed) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION); // ZLIB wrapper (RFC 1950), as §4.1 asks
        deflater.setInput(packed);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
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
        JsonArrayBuilder x5c = Json.createArrayBuilder();
        for (X509Certificate certificate : chainWithoutRoot) {
            try {
                x5c.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("a status list certificate cannot be encoded", e);
            }
        }
        return Json.createObjectBuilder().add("alg", "ES256").add("typ", TYPE).add("x5c", x5c).build();
    }

    public static JsonObject claims(String uri, Instant issuedAt, Duration validity, Duration ttl, int bits, String lst) {
        return Json.createObjectBuilder()
                .add("sub", uri)
                .add("iat", issuedAt.getEpochSecond())
                .add("exp", issuedAt.plus(validity).getEpochSecond())
                .add("ttl", ttl.toSeconds())
                .add("status_list", Json.createObjectBuilder().add("bits", bits).add("lst", lst))
                .build();
    }
}
