package eu.wua.issuer;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.walletprovider.KeyStoreCertifications;

/** An administrator's policies per credential configuration: batch size and the weakest key storage accepted. */
@Stateless
public class CredentialPolicies {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private AuditTrail audit;

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
        configuration.changeBatchSize(batchSize, Instant.now());
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
        if (!KeyStoreCertifications.LEVELS.contains(level)) {
            throw new IssuanceRejection(Reason.OFFER_MALFORMED, "key_storage must be one of " + KeyStoreCertifications.LEVELS);
        }
        String before = configuration.getRequiredKeyStorage();
        configuration.changeRequiredKeyStorage(level, Instant.now());
        audit.record(actor, "key_attestation_policy.changed", configurationId, Map.of("key_storage", level, "previous_key_storage", before));
        return Optional.of(configuration);
    }
}
