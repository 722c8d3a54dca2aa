package eu.wua.audit.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 §2.1 (Certificate Transparency 2.0) over the audit log's leaves:
 * its hashes, the inclusion and consistency proofs (§2.1.3.1, §2.1.4.1) and their verification
 * (§2.1.3.2, §2.1.4.2). A tree is read through {@link Nodes}, the hashes of its perfect subtrees:
 * every range the RFC's recursions name is either such a subtree or split in two, so a store that
 * keeps the perfect subtrees (the platform's database) and one that computes them from leaves
 * (an export) answer the same proofs.
 */
public final class MerkleTree {

    /** The hash of a perfect subtree: {@code level} 0 is a leaf, and level {@code l} covers leaves {@code [index·2^l, (index+1)·2^l)}. */
    @FunctionalInterface
    public interface Nodes {
        byte[] perfect(int level, long index);
    }

    /** A node a proof or a root needs and its source does not have. */
    public static final class MissingNode extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MissingNode(int level, long index) {
            super("the tree node at level " + level + ", index " + index + " is not available");
        }
    }

    private MerkleTree() {
    }

    /** SHA-256 of the empty string: the root of the empty tree. */
    public static byte[] emptyRoot() {
        return sha256(new byte[0]);
    }

    /** {@code SHA-256(0x00 || data)}. */
    public static byte[] leafHash(byte[] data) {
        byte[] input = new byte[data.length + 1];
        System.arraycopy(data, 0, input, 1, data.length);
        return sha256(input);
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        byte[] input = new byte[1 + left.length + right.length];
        input[0] = 1;
        System.arraycopy(left, 0, input, 1, left.length);
        System.arraycopy(right, 0, input, 1 + left.length, right.length);
        return sha256(input);
    }

    /** MTH(D[0:size]). */
    public static byte[] root(long size, Nodes nodes) {
        return size == 0 ? emptyRoot() : hash(0, size, nodes);
    }

    /** MTH(D[start:end]) for a range the recursions of RFC 9162 produce ({@code start} aligned to the largest power of two below the length). */
    static byte[] hash(long start, long end, Nodes nodes) {
        long length = end - start;
        if (Long.bitCount(length) == 1) {
            int level = Long.numberOfTrailingZeros(length);
            return nodes.perfect(level, start >> level);
        }
        long k = largestPowerOfTwoBelow(length);
        return nodeHash(hash(start, start + k, nodes), hash(start + k, end, nodes));
    }

    /** PATH(index, D[0:size]): the inclusion proof of leaf {@code index} in the tree of {@code size} leaves. */
    public static List<byte[]> inclusionPath(long index, long size, Nodes nodes) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, size, nodes, path);
        return path;
    }

    private static void path(long m, long start, long end, Nodes nodes, List<byte[]> path) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, start + k, nodes, path);
            path.add(hash(start + k, end, nodes));
        } else {
            path(m - k, start + k, end, nodes, path);
            path.add(hash(start, start + k, nodes));
        }
    }

    /** PROOF(first, D[0:second]): the consistency proof between the trees of {@code first} and {@code second} leaves. */
    public static List<byte[]> consistencyPath(long first, long second, Nodes nodes) {
        if (first <= 0 || first > second) {
            throw new IllegalArgumentException("no consistency proof from " + first + " to " + second + " leaves");
        }
        List<byte[]> path = new ArrayList<>();
        subproof(first, 0, second, true, nodes, path);
        return path;
    }

    private static void subproof(long m, long start, long end, boolean complete, Nodes nodes, List<byte[]> path) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                path.add(hash(start, end, nodes));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, complete, nodes, path);
            path.add(hash(start + k, end, nodes));
        } else {
            subproof(m - k, start + k, end, false, nodes, path);
            path.add(hash(start, start + k, nodes));
        }
    }

    /** RFC 9162 §2.1.3.2. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 §2.1.4.2. */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
        if (first <= 0 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        if (path.isEmpty()) {
            return false;
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    /** A perfect subtree: the leaves {@code [index·2^level, (index+1)·2^level)}. */
    public record Position(int level, long index) {
        long start() { return index << level; }
        long end() { return (index + 1) << level; }
    }

    /**
     * The perfect subtrees outside leaves {@code [first, end)} that MTH(D[0:size]) needs besides those leaves: what an
     * export of that range carries so that its reader can compute the signed root from the records it holds.
     */
    public static List<Position> nodesAround(long first, long end, long size) {
        List<Position> needed = new ArrayList<>();
        if (size > 0) {
            collect(0, size, first, end, needed);
        }
        return needed;
    }

    private static void collect(long start, long stop, long first, long end, List<Position> needed) {
        long length = stop - start;
        if (stop <= first || start >= end) {
            // wholly outside: as few perfect subtrees as the recursion uses
            if (Long.bitCount(length) == 1) {
                needed.add(new Position(Long.numberOfTrailingZeros(length), start >> Long.numberOfTrailingZeros(length)));
                return;
            }
        } else if (start >= first && stop <= end) {
            return;
        } else if (length == 1) {
            return;
        }
        long k = Long.bitCount(length) == 1 ? length / 2 : largestPowerOfTwoBelow(length);
        collect(start, start + k, first, end, needed);
        collect(start + k, stop, first, end, needed);
    }

    /**
     * The perfect subtrees of {@code leaves} (leaf hashes of {@code [offset, offset + leaves.size())}) and of
     * {@code given} nodes, each computed from its children where it is not given: how an export's reader sees the tree.
     */
    public static Nodes fromLeaves(long offset, List<byte[]> leaves, java.util.Map<Position, byte[]> given) {
        java.util.Map<Position, byte[]> computed = new java.util.HashMap<>(given);
        return new Nodes() {
            @Override
            public byte[] perfect(int level, long index) {
                Position position = new Position(level, index);
                byte[] known = computed.get(position);
                if (known != null) {
                    return known;
                }
                if (level == 0) {
                    if (index < offset || index >= offset + leaves.size()) {
                        throw new MissingNode(level, index);
                    }
                    return leaves.get((int) (index - offset));
                }
                byte[] hash = nodeHash(perfect(level - 1, index * 2), perfect(level - 1, index * 2 + 1));
                computed.put(position, hash);
                return hash;
            }
        };
    }

    /** A perfect subtree and its hash. */
    public record Node(int level, long index, byte[] hash) {
    }

    /**
     * The right edge of a growing tree: the perfect subtrees of its size's binary decomposition,
     * largest first. Appending a leaf completes the subtrees it closes (what a store keeps), and the
     * root is these folded from the right (RFC 9162 §2.1.1 for any size).
     */
    public static final class Frontier {
        private final List<Node> edge = new ArrayList<>();
        private long size;

        private Frontier() {
        }

        public static Frontier of(long size, Nodes nodes) {
            Frontier frontier = new Frontier();
            long start = 0;
            for (int level = 62; level >= 0; level--) {
                if ((size >> level & 1) == 1) {
                    frontier.edge.add(new Node(level, start >> level, nodes.perfect(level, start >> level)));
                    start += 1L << level;
                }
            }
            frontier.size = size;
            return frontier;
        }

        /** Appends leaf {@code size}; answers the subtrees above the leaves that it completes, lowest first. */
        public List<Node> append(byte[] leafHash) {
            edge.add(new Node(0, size, leafHash));
            size++;
            List<Node> completed = new ArrayList<>();
            while (edge.size() >= 2 && edge.get(edge.size() - 1).level() == edge.get(edge.size() - 2).level()) {
                Node right = edge.remove(edge.size() - 1);
                Node left = edge.remove(edge.size() - 1);
                int level = left.level() + 1;
                Node parent = new Node(level, (size >> level) - 1, nodeHash(left.hash(), right.hash()));
                edge.add(parent);
                completed.add(parent);
            }
            return completed;
        }

        public byte[] root() {
            if (edge.isEmpty()) {
                return emptyRoot();
            }
            byte[] root = edge.get(edge.size() - 1).hash();
            for (int i = edge.size() - 2; i >= 0; i--) {
                root = nodeHash(edge.get(i).hash(), root);
            }
            return root;
        }

        public long size() {
            return size;
        }
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
