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
}
