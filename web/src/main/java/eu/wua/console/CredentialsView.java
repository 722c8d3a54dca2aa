package eu.wua.console;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import eu.wua.issuer.CredentialConfiguration;
import eu.wua.issuer.CredentialPolicies;
import eu.wua.issuer.CredentialDirectory;
import eu.wua.issuer.CredentialRevocation;

/** Issued credentials by status, configuration and time; revoke (with its batch, or only this one), suspend, reinstate. */
@Named
@ViewScoped
public class CredentialsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private CredentialDirectory directory;

    @Inject
    private CredentialRevocation revocation;

    @Inject
    private CredentialPolicies policies;

    @Inject
    private ConsoleGuard guard;

    private Short status;
    private String configurationId;
    private LocalDateTime issuedFrom;
    private LocalDateTime issuedTo;
    private boolean onlyThis;
    private String reason;

    private final LazyDataModel<CredentialDirectory.Listed> credentials = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filters) {
            return Math.toIntExact(directory.count(criteria()));
        }

        @Override
        public List<CredentialDirectory.Listed> load(int first, int pageSize, Map<String, SortMeta> sort, Map<String, FilterMeta> filters) {
            return directory.search(criteria(), first, pageSize);
        }

        @Override
        public String getRowKey(CredentialDirectory.Listed listed) {
            return listed.credential().getId();
        }
    };

    private CredentialDirectory.Criteria criteria() {
        return new CredentialDirectory.Criteria(status, configurationId == null || configurationId.isBlank() ? null : configurationId,
                issuedFrom == null ? null : issuedFrom.toInstant(ZoneOffset.UTC), issuedTo == null ? null : issuedTo.toInstant(ZoneOffset.UTC));
    }

    public void revoke(String credentialId) {
        if (guard.permits("revoke a credential", ConsoleRole.ADMINISTRATOR)) {
            report(revocation.revoke(credentialId, onlyThis, reason, guard.actor()), credentialId);
        }
    }

    public void suspend(String credentialId) {
        if (guard.permits("suspend a credential", ConsoleRole.ADMINISTRATOR)) {
            report(revocation.suspend(credentialId, reason, guard.actor()), credentialId);
        }
    }

    public void reinstate(String credentialId) {
        if (guard.permits("reinstate a credential", ConsoleRole.ADMINISTRATOR)) {
            report(revocation.reinstate(credentialId, reason, guard.actor()), credentialId);
        }
    }

    private void report(Optional<CredentialRevocation.Outcome> outcome, String credentialId) {
        outcome.ifPresentOrElse(o -> guard.info(o.change() == CredentialRevocation.Change.UNCHANGED ? "Nothing changed" : "Done",
                credentialId + ": " + o.detail() + " (" + o.changed() + " changed)"), () -> guard.error("Unknown credential", credentialId));
    }

    public List<String> getConfigurations() {
        return policies.all().stream().map(CredentialConfiguration::getId).toList();
    }

    public LazyDataModel<CredentialDirectory.Listed> getCredentials() { return credentials; }
    public Short getStatus() { return status; }
    public void setStatus(Short status) { this.status = status; }
    public String getConfigurationId() { return configurationId; }
    public void setConfigurationId(String configurationId) { this.configurationId = configurationId; }
    public LocalDateTime getIssuedFrom() { return issuedFrom; }
    public void setIssuedFrom(LocalDateTime issuedFrom) { this.issuedFrom = issuedFrom; }
    public LocalDateTime getIssuedTo() { return issuedTo; }
    public void setIssuedTo(LocalDateTime issuedTo) { this.issuedTo = issuedTo; }
    public boolean isOnlyThis() { return onlyThis; }
    public void setOnlyThis(boolean onlyThis) { this.onlyThis = onlyThis; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
