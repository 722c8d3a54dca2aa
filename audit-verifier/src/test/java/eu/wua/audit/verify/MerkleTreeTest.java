package eu.wua.audit.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * RFC 9162's tree, proofs and verifications, checked against a second, list-based reading of the
 * RFC's definitions for every tree of up to 40 leaves, every leaf and every earlier size; proofs
 * altered in any way must not verify.
 */
class MerkleTreeTest {

    private static final int MAX = 40;

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    /** MTH of RFC 9162 §2.1.1, literally: recursion over the list of leaf hashes. */
    private static byte[] mth(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        if (leafHashes.size() == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(leafHashes.size() - 1);
        return MerkleTree.nodeHash(mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, leafHashes.size())));
    }

    private static MerkleTree.Nodes tree(List<byte[]> leaves) {
        return MerkleTree.fromLeaves(0, leaves, Map.of());
    }

    @Test
    void theEmptyTreeAndOneLeafAreAsTheRfcDefinesThem() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HexFormat.of().formatHex(MerkleTree.emptyRoot()));
        List<byte[]> one = leaves(1);
        assertArrayEquals(one.get(0), MerkleTree.root(1, tree(one)));
    }

    @Test
    void everyRootIsTheRfcsMth() {
        for (int n = 0; n <= MAX; n++) {
            List<byte[]> leaves = leaves(n);
            assertArrayEquals(mth(leaves), MerkleTree.root(n, tree(leaves)), "size " + n);
        }
    }

    /** What the sealer does: load the edge of a stored tree, append, keep the completed subtrees; the roots and nodes are the RFC's. */
    @Test
    void aFrontierAppendsLeavesAsTheRfcsTreeGrows() {
        List<byte[]> leaves = leaves(MAX);
        for (int start = 0; start <= MAX; start++) {
            MerkleTree.Frontier frontier = MerkleTree.Frontier.of(start, tree(leaves));
            assertArrayEquals(mth(leaves.subList(0, start)), frontier.root(), "loaded at " + start);
            for (int n = start; n < MAX; n++) {
                for (MerkleTree.Node completed : frontier.append(leaves.get(n))) {
                    assertArrayEquals(tree(leaves).perfect(completed.level(), completed.index()), completed.hash(), completed.toString());
                }
                assertArrayEquals(mth(leaves.subList(0, n + 1)), frontier.root(), "after leaf " + n + " from " + start);
            }
        }
    }

    @Test
    void everyLeafHasAnInclusionProofThatVerifiesOnlyAsItWasMade() {
        for (int n = 1; n <= MAX; n++) {
            List<byte[]> leaves = leaves(n);
            byte[] root = mth(leaves);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.inclusionPath(m, n, tree(leaves));
                assertTrue(MerkleTree.verifyInclusion(m, n, leaves.get(m), path, root), n + "/" + m);
                assertFalse(MerkleTree.verifyInclusion(m, n, leaves.get((m + 1) % n), path, root) && n > 1, "another leaf " + n + "/" + m);
                if (!path.isEmpty()) {
                    List<byte[]> altered = new ArrayList<>(path);
                    altered.set(altered.size() - 1, MerkleTree.leafHash(new byte[] {1}));
                    assertFalse(MerkleTree.verifyInclusion(m, n, leaves.get(m), altered, root), "altered " + n + "/" + m);
                    assertFalse(MerkleTree.verifyInclusion(m, n, leaves.get(m), path.subList(0, path.size() - 1), root), "short " + n + "/" + m);
                    List<byte[]> longer = new ArrayList<>(path);
                    longer.add(root);
                    assertFalse(MerkleTree.verifyInclusion(m, n, leaves.get(m), longer, root), "long " + n + "/" + m);
                }
            }
            assertFalse(MerkleTree.verifyInclusion(n, n, leaves.get(0), List.of(), root), "a leaf past the end");
        }
    }

    @Test
    void everyEarlierTreeHasAConsistencyProofThatVerifiesOnlyAsItWasMade() {
        for (int n = 1; n <= MAX; n++) {
            List<byte[]> leaves = leaves(n);
            byte[] second = mth(leaves);
            for (int m = 1; m <= n; m++) {
                byte[] first = mth(leaves.subList(0, m));
                List<byte[]> proof = MerkleTree.consistencyPath(m, n, tree(leaves));
                assertTrue(MerkleTree.verifyConsistency(m, n, first, second, proof), m + "→" + n);
                if (m < n) {
                    assertFalse(MerkleTree.verifyConsistency(m, n, second, first, proof), "roots swapped " + m + "→" + n);
                    assertFalse(MerkleTree.verifyConsistency(m, n, MerkleTree.leafHash(new byte[] {2}), second, proof), "other first " + m + "→" + n);
                    for (int i = 0; i < proof.size(); i++) {
                        List<byte[]> altered = new ArrayList<>(proof);
                        altered.set(i, MerkleTree.leafHash(new byte[] {3}));
                        assertFalse(MerkleTree.verifyConsistency(m, n, first, second, altered), "altered element " + i + " " + m + "→" + n);
                    }
                    if (!proof.isEmpty()) {
                        assertFalse(MerkleTree.verifyConsistency(m, n, first, second, proof.subList(1, proof.size())), "short " + m + "→" + n);
                    }
                }
            }
        }
    }

    /** A rewritten history: the same size, one leaf changed, is not consistent with the first tree. */
    @Test
    void aTreeWhoseEarlierLeafChangedIsNotConsistent() {
        List<byte[]> leaves = leaves(21);
        byte[] first = mth(leaves.subList(0, 13));
        List<byte[]> rewritten = new ArrayList<>(leaves);
        rewritten.set(4, MerkleTree.leafHash("changed".getBytes(StandardCharsets.UTF_8)));
        List<byte[]> proof = MerkleTree.consistencyPath(13, 21, tree(rewritten));
        assertFalse(MerkleTree.verifyConsistency(13, 21, first, mth(rewritten), proof));
    }

    @Test
    void aRangeWithTheNodesAroundItComputesTheRootAndWithoutThemCannot() {
        for (int n = 1; n <= MAX; n++) {
            List<byte[]> leaves = leaves(n);
            MerkleTree.Nodes full = tree(leaves);
            for (int first = 0; first < n; first++) {
                for (int end = first + 1; end <= n; end++) {
                    Map<MerkleTree.Position, byte[]> around = new LinkedHashMap<>();
                    for (MerkleTree.Position position : MerkleTree.nodesAround(first, end, n)) {
                        assertTrue(position.end() <= first || position.start() >= end, position + " overlaps the range");
                        around.put(position, full.perfect(position.level(), position.index()));
                    }
                    MerkleTree.Nodes export = MerkleTree.fromLeaves(first, leaves.subList(first, end), around);
                    assertArrayEquals(mth(leaves), MerkleTree.root(n, export), n + " [" + first + "," + end + ")");
                    if (!around.isEmpty()) {
                        MerkleTree.Nodes bare = MerkleTree.fromLeaves(first, leaves.subList(first, end), Map.of());
                        int size = n;
                        assertThrows(MerkleTree.MissingNode.class, () -> MerkleTree.root(size, bare));
                    }
                }
            }
        }
    }
}
