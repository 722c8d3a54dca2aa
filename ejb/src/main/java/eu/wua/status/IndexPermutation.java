package eu.wua.status;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed pseudorandom permutation of {@code [0, size)}: counter value n of a list becomes index
 * {@code apply(n)}. A balanced Feistel network of four HMAC-SHA256 rounds over the smallest
 * domain of 2^2k values that holds {@code size}, with cycle walking back into {@code [0, size)}
 * (Black and Rogaway, "Ciphers with Arbitrary Finite Domains"). Distinct counters give distinct
 * indexes, and without the list's key the indexes do not tell in which order they were handed out.
 * Not thread-safe (one {@link Mac}); the allocator uses it under its block's lock.
 */
final class IndexPermutation {

    private static final int ROUNDS = 4;

    private final int size;
    private final int halfBits;
    private final int halfMask;
    private final Mac mac;
    private final byte[] block = new byte[5];

    IndexPermutation(String base64Key, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a list holds at least one index");
        }
        this.size = size;
        int bits = Math.max(2, 32 - Integer.numberOfLeadingZeros(size - 1));
        this.halfBits = (bits + 1) / 2;
        this.halfMask = (1 << halfBits) - 1;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
        } catch (InvalidKeyException | IllegalArgumentException e) {
            throw new IllegalStateException("the list's permutation key is not a base64 key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The index for counter value {@code counter}, 0 ≤ counter < size. */
    int apply(int counter) {
        if (counter < 0 || counter >= size) {
            throw new IllegalArgumentException("counter " + counter + " is outside [0, " + size + ")");
        }
        int value = counter;
        do {
            value = encipher(value);
        } while (value >= size); // the domain is under 4 × size, so this walks a few steps at most on average
        return value;
    }

    private int encipher(int value) {
        int left = value >>> halfBits;
        int right = value & halfMask;
        for (int round = 0; round < ROUNDS; round++) {
            int next = left ^ roundFunction(round, right);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    private int roundFunction(int round, int half) {
        block[0] = (byte) round;
        block[1] = (byte) (half >>> 24);
        block[2] = (byte) (half >>> 16);
        block[3] = (byte) (half >>> 8);
        block[4] = (byte) half;
        byte[] digest = mac.doFinal(block);
        int out = ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
        return out & halfMask;
    }
}
