package eu.wua.issuer;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.Iso18045;

/** An administrator's policies per credential configuration: batch size and the weakest key storage accepted. */
@Stateless
public class CredentialPolicies {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditTrail audit;

    /**
     * ARF ISSU_40: exactly one of method A (once-only) or B (limited-time) is indicated. The tokens
     * are the EUDI reference issuers' (ETSI TS 119 472-3 itself is not public; spec digest).
     */
    public static final java.util.List<String> REUSE_POLICIES = java.util.List.of("once_only", "limited_time");

    /** A credential configuration the issuer offers from now on (its policies then change through the methods below). */
    public CredentialConfiguration define(CredentialConfiguration configuration, String actor) throws IssuanceRejection {
        if (em.find(CredentialConfiguration.class, configuration.getId()) != null) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "a credential configuration " + configuration.getId() + " exists already");
        }
        if (!Iso18045.isLevel(configuration.getRequiredKeyStorage())) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "key_storage must be one of " + Iso18045.LEVELS);
        }
        em.persist(configuration);
        audit.record(actor, "credential_configuration.defined", configuration.getId(), Map.of("vct", configuration.getVct(),
                "batch_size", String.valueOf(configuration.getBatchSize()), "key_storage", configuration.getRequiredKeyStorage()));
        return configuration;
    }

    public java.util.List<CredentialConfiguration> all() {
        return em.createQuery("SELECT c FROM CredentialConfiguration c ORDER BY c.id", CredentialConfiguration.class).getResultList();
    }

    /** Empty for an unknown configuration; the metadata shows the new policy in the next request. */
    public Optional<CredentialConfiguration> changeReusePolicy(String configurationId, String policy, String actor) throws IssuanceRejection {
        CredentialConfiguration configuration = em.find(CredentialConfiguration.class, configurationId, LockModeType.PESSIMISTIC_WRITE);
        if (configuration == null) {
            return Optional.empty();
        }
        if (policy == null || !REUSE_POLICIES.contains(policy)) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "reuse_policy must be one of " + REUSE_POLICIES);
        }
        String before = configuration.getReusePolicy();
        if (!policy.equals(before)) {
            configuration.changeReusePolicy(policy, clock.instant());
            audit.record(actor, "reuse_policy.changed", configurationId, Map.of("reuse_policy", policy, "previous_reuse_policy", before));
        }
        return Optional.of(configuration);
    }

    /** Empty for an unknown configuration. The metadata shows the new size in the next request. */
    public Optional<CredentialConfiguration> changeBatchSize(String configurationId, int batchSize, String actor) throws IssuanceRejection {
        CredentialConfiguration configuration = em.find(CredentialConfiguration.class, configurationId, LockModeType.PESSIMISTIC_WRITE);
        if (configuration == null) {
            return Optional.empty();
        }
        if (batchSize < 1 || batchSize > CredentialConfiguration.MAX_BATCH_SIZE) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "batch_size must be between 1 and " + CredentialConfiguration.MAX_BATCH_SIZE);
        }
        int before = configuration.getBatchSize();
        configuration.changeBatchSize(batchSize, clock.instant());
        audit.record(actor, "batch_policy.changed", configurationId, Map.of("batch_size", String.valueOf(batchSize),
                "previous_batch_size", String.valueOf(before)));
        return Optional.of(configuration);
    }

    public Optional<CredentialConfiguration> changeRequiredKeyStorage(String configurationId, String level, String actor)
            throws IssuanceRejection {
        CredentialConfiguration configuration = em.find(CredentialConfiguration.class, configurationId, LockModeType.PESSIMISTIC_WRITE);
        if (configuration == null) {
            return Optional.empty();
        }
        if (!Iso18045.isLevel(level)) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "key_storage must be one of " + Iso18045.LEVELS);
        }
        String before = configuration.getRequiredKeyStorage();
        configuration.changeRequiredKeyStorage(level, clock.instant());
        audit.record(actor, "key_attestation_policy.changed", configurationId, Map.of("key_storage", level, "previous_key_storage", before));
        return Optional.of(configuration);
    }
}
