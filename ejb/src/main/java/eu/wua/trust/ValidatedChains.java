package eu.wua.trust;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The x5c chains PKIX validation accepted lately, so that a Wallet Provider's signing chain, which
 * repeats in every WIA and KA, is not validated from scratch on every request. Bounded (least
 * recently used out), and each entry names the Wallet Provider and the exact anchor set it was
 * validated against: a caller uses it only while that provider still has those anchors (any change
 * of the trust list entry misses) and only inside the chain's validity. Withdrawal is checked by
 * the caller on every use, from the database, so it holds on every node at once.
 */
final class ValidatedChains {

    /** What validation established: the provider and anchors it held for, and when the chain is valid. */
    record Entry(String providerId, String anchors, Instant notBefore, Instant notAfter) {
        boolean covers(Instant at) {
            return !at.isBefore(notBefore) && !at.isAfter(notAfter);
        }
    }

    private final Map<String, Entry> entries;

    ValidatedChains(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<Entry> find(String chain) {
        return Optional.ofNullable(entries.get(chain));
    }

    synchronized void remember(String chain, Entry entry) {
        entries.put(chain, entry);
    }

    synchronized int size() {
        return entries.size();
    }

    /** The chain's identity: SHA-256 over its certificates' DER, in order. */
    static String digest(List<X509Certificate> x5c) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (X509Certificate certificate : x5c) {
                sha256.update(certificate.getEncoded());
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("a certificate that was decoded cannot be encoded again", e);
        }
    }

    /** The validity every certificate of the chain shares. */
    static Entry entry(String providerId, String anchors, List<X509Certificate> x5c) {
        Instant notBefore = Instant.MIN;
        Instant notAfter = Instant.MAX;
        for (X509Certificate certificate : x5c) {
            notBefore = max(notBefore, certificate.getNotBefore().toInstant());
            notAfter = min(notAfter, certificate.getNotAfter().toInstant());
        }
        return new Entry(providerId, anchors, notBefore, notAfter);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
