package eu.wua.walletprovider;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.Iso18045;
import eu.wua.status.AttestationsWithdrawn;
import eu.wua.status.RevocationCascades;
import eu.wua.status.RevocationJob;
import eu.wua.status.StatusEntries;

/**
 * The certification registry: certifiers record what a WSCD model was certified for, Key
 * Attestations name the certification valid when they are issued, and withdrawing one invalidates
 * the status entry of every KA that named it (the revocation issue carries it on to credentials).
 */
@Stateless
public class KeyStoreCertifications {

    /** The attack-potential resistance values of OpenID4VCI App. D.2, strongest first. */
    public static final List<String> BACKENDS = List.of("pkcs11", "software");

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private StatusEntries statusEntries;

    @Inject
    private RevocationCascades cascades;

    @Inject
    private Event<AttestationsWithdrawn> withdrawals;

    @Inject
    private AuditTrail audit;

    public record Certification(String id, String wscdBackend, String model, String scheme, String keyStorage, String userAuthentication,
            String certificationUrl, Instant validFrom, Instant validUntil) {
    }

    public record Withdrawal(String certificationId, int keyAttestationsRevoked, boolean alreadyWithdrawn, RevocationJob cascade) {
    }

    public KeyStoreCertification record(Certification asked, String actor) throws CertificationRejection {
        requireWellFormed(asked);
        if (em.find(KeyStoreCertification.class, asked.id()) != null) {
            throw new CertificationRejection("a certification with id " + asked.id() + " is already recorded", true);
        }
        KeyStoreCertification certification = new KeyStoreCertification(asked.id(), asked.wscdBackend(), asked.model(), asked.scheme(),
                asked.keyStorage(), asked.userAuthentication(), asked.certificationUrl(), asked.validFrom(), asked.validUntil(), actor,
                clock.instant());
        em.persist(certification);
        audit.record(actor, "certification.recorded", asked.id(), Map.of("wscd_backend", asked.wscdBackend(), "model", asked.model(),
                "scheme", asked.scheme(), "key_storage", asked.keyStorage(), "user_authentication", asked.userAuthentication(),
                "valid_until", asked.validUntil().toString()));
        return certification;
    }

    /** The certification a KA issued now names: the newest valid one of the backend in use. */
    public Optional<KeyStoreCertification> current(String wscdBackend, Instant now) {
        return em.createQuery("SELECT c FROM KeyStoreCertification c WHERE c.wscdBackend = :backend AND c.state = :certified"
                        + " AND c.validFrom <= :now AND c.validUntil > :now ORDER BY c.recordedAt DESC", KeyStoreCertification.class)
                .setParameter("backend", wscdBackend).setParameter("certified", KeyStoreCertification.State.CERTIFIED)
                .setParameter("now", now).setMaxResults(1).getResultStream().findFirst();
    }

    public List<KeyStoreCertification> all() {
        return em.createQuery("SELECT c FROM KeyStoreCertification c ORDER BY c.recordedAt DESC", KeyStoreCertification.class).getResultList();
    }

    public Optional<KeyStoreCertification> find(String id) {
        return Optional.ofNullable(em.find(KeyStoreCertification.class, id));
    }

    /** Empty when there is no such certification; withdrawing twice changes nothing and says so. */
    public Optional<Withdrawal> withdraw(String id, String actor, String reason) {
        KeyStoreCertification certification = em.find(KeyStoreCertification.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (certification == null) {
            return Optional.empty();
        }
        if (certification.getState() == KeyStoreCertification.State.WITHDRAWN) {
            return Optional.of(new Withdrawal(id, 0, true, null));
        }
        certification.withdraw(clock.instant(), reason);
        int revoked = 0;
        for (KeyAttestationRecord ka : em.createQuery("SELECT k FROM KeyAttestationRecord k WHERE k.certificationId = :id",
                KeyAttestationRecord.class).setParameter("id", id).getResultList()) {
            if (statusEntries.revoke(ka.getStatusListId(), ka.getStatusIndex())) {
                revoked++;
            }
        }
        audit.record(actor, "certification.withdrawn", id, Map.of("reason", reason == null ? "" : reason,
                "key_attestations_revoked", String.valueOf(revoked)));
        withdrawals.fire(new AttestationsWithdrawn(RevocationJob.Kind.certification, id, reason, actor));
        RevocationJob cascade = cascades.startedFrom(RevocationJob.Kind.certification, id).orElseThrow();
        return Optional.of(new Withdrawal(id, revoked, false, cascade));
    }

    private static void requireWellFormed(Certification asked) throws CertificationRejection {
        if (asked.id() == null || !asked.id().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new CertificationRejection("id must be 1 to 64 letters, digits, '.', '_' or '-'", false);
        }
        if (asked.wscdBackend() == null || !BACKENDS.contains(asked.wscdBackend())) {
            throw new CertificationRejection("wscd_backend must be one of " + BACKENDS, false);
        }
        for (String[] text : new String[][] {{"model", asked.model()}, {"scheme", asked.scheme()}}) {
            if (text[1] == null || text[1].isBlank() || text[1].length() > 256) {
                throw new CertificationRejection(text[0] + " must be given (at most 256 characters)", false);
            }
        }
        if (!Iso18045.isLevel(asked.keyStorage()) || !Iso18045.isLevel(asked.userAuthentication())) {
            throw new CertificationRejection("key_storage and user_authentication must each be one of " + Iso18045.LEVELS, false);
        }
        if ("software".equals(asked.wscdBackend())
                && (Iso18045.HIGH.equals(asked.keyStorage()) || Iso18045.HIGH.equals(asked.userAuthentication()))) {
            throw new CertificationRejection("a software key store is never certified iso_18045_high", false);
        }
        requireHttpUrl(asked.certificationUrl());
        if (asked.validFrom() == null || asked.validUntil() == null || !asked.validUntil().isAfter(asked.validFrom())) {
            throw new CertificationRejection("valid_until must come after valid_from", false);
        }
    }

    private static void requireHttpUrl(String url) throws CertificationRejection {
        try {
            URI uri = URI.create(url == null ? "" : url);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null && url.length() <= 1024) {
                return;
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw new CertificationRejection("certification_url must be an http(s) URL of at most 1024 characters", false);
    }
}
