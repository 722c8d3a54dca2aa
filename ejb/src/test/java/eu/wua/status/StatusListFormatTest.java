package eu.wua.status;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;

import org.junit.jupiter.api.Test;

class StatusListFormatTest {

    /** draft-ietf-oauth-status-list §4.1, the 1-bit example: status[0]=1, [1]=0, [2]=0, [3]=1, ... */
    @Test
    void oneBitEntriesArePackedFromTheLeastSignificantBitAsInTheSpecExample() {
        int[] ones = {0, 3, 4, 5, 7, 8, 9, 13, 15};
        List<int[]> entries = Arrays.stream(ones).mapToObj(i -> new int[] {i, 1}).toList();
        assertArrayEquals(new byte[] {(byte) 0xB9, (byte) 0xA3}, StatusListFormat.pack(16, 1, entries));
    }

    /** The same section's 2-bit example: 0xC9 0x44 0xF9 for statuses 1,2,0,3, 0,1,0,1, 1,2,3,3. */
    @Test
    void twoBitEntriesAsInTheSpecExample() {
        int[] statuses = {1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3};
        List<int[]> entries = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            entries.add(new int[] {i, statuses[i]});
        }
        byte[] packed = StatusListFormat.pack(12, 2, entries);
        assertArrayEquals(new byte[] {(byte) 0xC9, (byte) 0x44, (byte) 0xF9}, packed);
        for (int i = 0; i < statuses.length; i++) {
            assertEquals(statuses[i], StatusListFormat.statusAt(packed, 2, i));
        }
    }

    /** status-list.md's worked example: revoked 1, 4, 9, 15 of 16, lst eNoTagIAAKgAlQ (compared decompressed). */
    @Test
    void theWorkedExampleListDecodesToTheSameBytes() throws Exception {
        byte[] ours = StatusListFormat.pack(16, 1, Arrays.stream(new int[] {1, 4, 9, 15}).mapToObj(i -> new int[] {i, 1}).toList());
        assertArrayEquals(new byte[] {0x12, (byte) 0x82}, ours);
        assertArrayEquals(ours, StatusListFormat.decompress("eNoTagIAAKgAlQ", 1024));
        assertArrayEquals(ours, StatusListFormat.decompress(StatusListFormat.compress(ours), 1024));
    }

    @Test
    void compressionRoundTripsAndABombIsRefused() throws Exception {
        byte[] packed = StatusListFormat.pack(100_000, 1, List.of(new int[] {99_999, 1}, new int[] {12, 1}));
        byte[] back = StatusListFormat.decompress(StatusListFormat.compress(packed), 1 << 20);
        assertEquals(1, StatusListFormat.statusAt(back, 1, 99_999));
        assertEquals(1, StatusListFormat.statusAt(back, 1, 12));
        assertEquals(0, StatusListFormat.statusAt(back, 1, 13));
        assertThrows(DataFormatException.class, () -> StatusListFormat.decompress(StatusListFormat.compress(new byte[2 << 20]), 1 << 20));
        assertThrows(IndexOutOfBoundsException.class, () -> StatusListFormat.statusAt(back, 1, 100_000));
    }

    /** A list large enough to be deflated in slices on several cores still reads back with a plain inflater, byte for byte. */
    @Test
    void aLargeListCompressedInSlicesIsOneValidZlibStream() throws Exception {
        java.util.Random random = new java.util.Random(42);
        List<int[]> entries = new ArrayList<>();
        for (int i = 0; i < 1_000_003; i++) {
            if (random.nextInt(10) == 0) {
                entries.add(new int[] {i, 1 + random.nextInt(2)});
            }
        }
        byte[] packed = StatusListFormat.pack(1_000_003, 2, entries);
        byte[] zlib = java.util.Base64.getUrlDecoder().decode(StatusListFormat.compress(packed));
        assertEquals(0x78, zlib[0] & 0xFF, "ZLIB, not raw deflate or gzip");
        assertEquals(0xDA, zlib[1] & 0xFF, "the highest compression level");
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        inflater.setInput(zlib);
        byte[] read = new byte[packed.length + 1];
        int length = inflater.inflate(read);
        org.junit.jupiter.api.Assertions.assertTrue(inflater.finished(), "one stream, ended, with a checksum that matched");
        assertEquals(packed.length, length);
        assertArrayEquals(packed, Arrays.copyOf(read, length));

        java.util.zip.Deflater single = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION);
        single.setInput(packed);
        single.finish();
        byte[] buffer = new byte[packed.length];
        int singleLength = single.deflate(buffer);
        org.junit.jupiter.api.Assertions.assertTrue(zlib.length < singleLength * 1.01,
                "slices cost under 1 % in size: " + zlib.length + " against " + singleLength);
    }
}
