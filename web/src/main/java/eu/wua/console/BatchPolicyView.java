package eu.wua.console;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import eu.wua.issuer.CredentialConfiguration;
import eu.wua.issuer.CredentialPolicies;
import eu.wua.issuer.IssuanceRejection;

/** Batch policy per credential configuration: {@code batch_size} (1..100) and the reuse method; the metadata shows a change at once. */
@Named
@ViewScoped
public class BatchPolicyView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private CredentialPolicies policies;

    @Inject
    private ConsoleGuard guard;

    private String configurationId;
    private Integer batchSize;
    private String reusePolicy;

    public List<CredentialConfiguration> getConfigurations() {
        return policies.all();
    }

    public void edit(CredentialConfiguration configuration) {
        configurationId = configuration.getId();
        batchSize = configuration.getBatchSize();
        reusePolicy = configuration.getReusePolicy();
    }

    public void save() {
        if (configurationId == null || !guard.permits("change a batch policy", ConsoleRole.ADMINISTRATOR)) {
            return;
        }
        try {
            policies.changeBatchSize(configurationId, batchSize, guard.actor()).orElseThrow();
            policies.changeReusePolicy(configurationId, reusePolicy, guard.actor());
            guard.info("Batch policy saved", configurationId + ": batch_size " + batchSize + ", " + reusePolicy
                    + ". The issuer metadata shows it now.");
            configurationId = null;
        } catch (IssuanceRejection e) {
            guard.error("Not saved", e.getMessage());
        } catch (java.util.NoSuchElementException e) {
            guard.error("Not saved", "the configuration no longer exists");
        }
    }

    public List<String> getReusePolicies() { return CredentialPolicies.REUSE_POLICIES; }
    public int getMaxBatchSize() { return CredentialConfiguration.MAX_BATCH_SIZE; }
    public String getConfigurationId() { return configurationId; }
    public Integer getBatchSize() { return batchSize; }
    public void setBatchSize(Integer batchSize) { this.batchSize = batchSize; }
    public String getReusePolicy() { return reusePolicy; }
    public void setReusePolicy(String reusePolicy) { this.reusePolicy = reusePolicy; }
}
