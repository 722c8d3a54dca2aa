package eu.wua.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.BitSet;

import org.junit.jupiter.api.Test;

class IndexPermutationTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("another key for another list!!!!".getBytes());

    @Test
    void everyCounterValueGetsItsOwnIndexWithinTheList() {
        for (int size : new int[] {1, 2, 3, 7, 1000, 4096, 100_000}) {
            IndexPermutation permutation = new IndexPermutation(KEY, size);
            BitSet seen = new BitSet(size);
            for (int counter = 0; counter < size; counter++) {
                int index = permutation.apply(counter);
                assertTrue(index >= 0 && index < size, "index " + index + " of a list of " + size);
                assertTrue(!seen.get(index), "index " + index + " handed out twice in a list of " + size);
                seen.set(index);
            }
            assertEquals(size, seen.cardinality());
        }
    }

    @Test
    void indexesDoNotFollowTheOrderOfIssuance() {
        IndexPermutation permutation = new IndexPermutation(KEY, 100_000);
        int ascending = 0;
        int previous = permutation.apply(0);
        for (int counter = 1; counter < 10_000; counter++) {
            int index = permutation.apply(counter);
            if (index > previous) {
                ascending++;
            }
            previous = index;
        }
        // a random order rises about half the time; issuance order would rise every time
        assertTrue(ascending > 4_500 && ascending < 5_500, ascending + " of 9,999 steps rose");
    }

    @Test
    void eachListHasItsOwnOrder() {
        IndexPermutation one = new IndexPermutation(KEY, 100_000);
        IndexPermutation other = new IndexPermutation(OTHER_KEY, 100_000);
        int same = 0;
        for (int counter = 0; counter < 1_000; counter++) {
            if (one.apply(counter) == other.apply(counter)) {
                same++;
            }
        }
        assertTrue(same < 5, same + " of 1,000 counter values map to the same index under both keys");
        assertNotEquals(one.apply(0), other.apply(0));
    }

    @Test
    void counterValuesOutsideTheListAreRefused() {
        IndexPermutation permutation = new IndexPermutation(KEY, 10);
        assertThrows(IllegalArgumentException.class, () -> permutation.apply(10));
        assertThrows(IllegalArgumentException.class, () -> permutation.apply(-1));
        assertThrows(IllegalStateException.class, () -> new IndexPermutation("not base64!", 10));
    }
}
