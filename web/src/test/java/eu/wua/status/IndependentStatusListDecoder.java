package eu.wua.status;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads one entry of a Token Status List's {@code lst} with the JDK's inflater and the spec's bit
 * order (draft-ietf-oauth-status-list §4.1), without any of the platform's code: what the tests
 * check published lists with.
 */
public final class IndependentStatusListDecoder {

    private IndependentStatusListDecoder() {
    }

    public static int entry(String lst, int bits, int index) throws DataFormatException {
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getUrlDecoder().decode(lst));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!inflater.finished()) {
            int read = inflater.inflate(buffer);
            if (read == 0 && inflater.needsInput()) {
                throw new DataFormatException("the list ends before its ZLIB stream does");
            }
            bytes.write(buffer, 0, read);
        }
        int perByte = 8 / bits;
        return (bytes.toByteArray()[index / perByte] >> ((index % perByte) * bits)) & ((1 << bits) - 1);
    }
}
