package eu.wua.trust;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.PemCertificates;

/** The trust list's administration: Wallet Providers with their CA certificates, added and withdrawn. */
@Stateless
public class WalletProviderRegistry {

    /** An entry that cannot be added as asked. */
    @ApplicationException(rollback = true)
    public static class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    public record Withdrawal(String id, boolean alreadyWithdrawn) {
    }

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    @Inject
    private Event<WalletProviderWithdrawn> withdrawals;

    @Inject
    private Clock clock;

    public List<TrustedWalletProvider> all() {
        return em.createQuery("SELECT p FROM TrustedWalletProvider p ORDER BY p.createdAt", TrustedWalletProvider.class).getResultList();
    }

    public Optional<TrustedWalletProvider> find(String id) {
        return Optional.ofNullable(em.find(TrustedWalletProvider.class, id));
    }

    /** {@code anchors}: PEM or DER of one or more CA certificates, each a CA (basic constraints) and valid now. */
    public TrustedWalletProvider add(String identifier, String name, byte[] anchors, String actor) throws Refused {
        return add(identifier, name, anchors, List.of(), actor);
    }

    /** {@code statusListHosts}: where its status lists are published besides its identifier's host ({@link StatusListHosts}). */
    public TrustedWalletProvider add(String identifier, String name, byte[] anchors, List<String> statusListHosts, String actor)
            throws Refused {
        if (identifier == null || identifier.isBlank() || identifier.length() > 512 || name == null || name.isBlank() || name.length() > 256) {
            throw new Refused("identifier (at most 512 characters) and name (at most 256) are required");
        }
        if (!em.createQuery("SELECT p FROM TrustedWalletProvider p WHERE p.identifier = :identifier", TrustedWalletProvider.class)
                .setParameter("identifier", identifier).getResultList().isEmpty()) {
            throw new Refused("a Wallet Provider " + identifier + " is on the trust list already");
        }
        List<X509Certificate> certificates;
        try {
            certificates = PemCertificates.decode(anchors);
        } catch (CertificateException e) {
            throw new Refused("the trust anchors are not PEM or DER certificates: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new Refused("at least one trust anchor certificate is required");
        }
        Instant now = clock.instant();
        TrustedWalletProvider provider = new TrustedWalletProvider(UUID.randomUUID().toString(), identifier, name, now);
        for (X509Certificate certificate : certificates) {
            if (certificate.getBasicConstraints() < 0) {
                throw new Refused(certificate.getSubjectX500Principal().getName() + " is not a CA certificate");
            }
            if (certificate.getNotAfter().toInstant().isBefore(now)) {
                throw new Refused(certificate.getSubjectX500Principal().getName() + " expired at " + certificate.getNotAfter().toInstant());
            }
            provider.addTrustAnchor(anchorOf(certificate));
        }
        if (statusListHosts.size() > StatusListHosts.MAX_HOSTS) {
            throw new Refused("at most " + StatusListHosts.MAX_HOSTS + " status list hosts");
        }
        for (String host : statusListHosts) {
            provider.addStatusListHost(StatusListHosts.normalized(host).orElseThrow(() -> new Refused("status list host '" + host
                    + "' is not a host name or IPv4 address with an optional :port")));
        }
        em.persist(provider);
        audit.record(actor, "trust.wallet_provider_added", provider.getId(), Map.of("identifier", identifier, "name", name,
                "anchors", String.valueOf(certificates.size()), "status_list_hosts", String.join(",", provider.getStatusListHosts())));
        return provider;
    }

    /**
     * Suspends a provider on this platform only (a listed one the list still grants, or a local one): its chains are refused
     * until the suspension is lifted; a refresh of the list keeps it. Nothing is revoked: a withdrawal does that. Empty for an unknown entry.
     */
    public Optional<TrustedWalletProvider> suspendLocally(String id, String reason, String actor) {
        TrustedWalletProvider provider = em.find(TrustedWalletProvider.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (provider == null) {
            return Optional.empty();
        }
        if (!provider.isLocallySuspended()) {
            provider.suspendLocally(clock.instant(), actor, reason == null ? "" : reason);
            audit.record(actor, "trust.wallet_provider_locally_suspended", id, Map.of("reason", reason == null ? "" : reason,
                    "origin", provider.getOrigin().name()));
        }
        return Optional.of(provider);
    }

    public Optional<TrustedWalletProvider> liftLocalSuspension(String id, String actor) {
        TrustedWalletProvider provider = em.find(TrustedWalletProvider.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (provider == null) {
            return Optional.empty();
        }
        if (provider.isLocallySuspended()) {
            provider.liftLocalSuspension();
            audit.record(actor, "trust.wallet_provider_local_suspension_lifted", id, Map.of("origin", provider.getOrigin().name()));
        }
        return Optional.of(provider);
    }

    /** The stored form of an anchor certificate: its subject, fingerprint and expiry beside the PEM. */
    static TrustAnchor anchorOf(X509Certificate certificate) {
        return new TrustAnchor(certificate.getSubjectX500Principal().getName(), PemCertificates.sha256Fingerprint(certificate),
                certificate.getNotAfter().toInstant(), PemCertificates.encode(List.of(certificate)));
    }

    /** Empty for an unknown entry. Chains to it are refused from then on, and the withdrawal is announced ({@link WalletProviderWithdrawn}). */
    public Optional<Withdrawal> withdraw(String id, String reason, String actor) {
        TrustedWalletProvider provider = em.find(TrustedWalletProvider.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (provider == null) {
            return Optional.empty();
        }
        if (provider.getState() == TrustState.WITHDRAWN) {
            return Optional.of(new Withdrawal(id, true));
        }
        boolean cascadedAlready = provider.getState() == TrustState.SUSPENDED;
        provider.withdraw(clock.instant(), reason == null ? "" : reason);
        audit.record(actor, "trust.wallet_provider_withdrawn", id, Map.of("reason", reason == null ? "" : reason));
        if (!cascadedAlready) {
            withdrawals.fire(new WalletProviderWithdrawn(id, reason, actor));
        }
        return Optional.of(new Withdrawal(id, false));
    }
}
