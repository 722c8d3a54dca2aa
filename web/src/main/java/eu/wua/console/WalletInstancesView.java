package eu.wua.console;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import eu.wua.walletprovider.WalletInstance;
import eu.wua.walletprovider.WalletInstanceDirectory;
import eu.wua.walletprovider.WalletInstanceRevocation;

/** The wallet instances page: a lazy, paged search, one instance's details, and its revocation with the cascade stated first. */
@Named
@ViewScoped
public class WalletInstancesView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private WalletInstanceDirectory directory;

    @Inject
    private WalletInstanceRevocation revocation;

    @Inject
    private ConsoleGuard guard;

    private String idPrefix;
    private WalletInstance.State state;
    private String selectedId;
    private String reason;
    private transient WalletInstanceDirectory.Details details;

    private final LazyDataModel<WalletInstance> instances = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filters) {
            return Math.toIntExact(directory.count(idPrefix, state));
        }

        @Override
        public List<WalletInstance> load(int first, int pageSize, Map<String, SortMeta> sort, Map<String, FilterMeta> filters) {
            return directory.search(idPrefix, state, first, pageSize);
        }

        @Override
        public String getRowKey(WalletInstance instance) {
            return instance.getId();
        }
    };

    public void select(String id) {
        selectedId = id;
        details = null;
        reason = null;
    }

    public WalletInstanceDirectory.Details getDetails() {
        if (details == null && selectedId != null) {
            details = directory.details(selectedId).orElse(null);
        }
        return details;
    }

    public void revoke() {
        if (selectedId == null || !guard.permits("revoke a wallet instance", eu.wua.console.ConsoleRole.ADMINISTRATOR)) {
            return;
        }
        revocation.revoke(selectedId, guard.actor(), reason == null ? "" : reason).ifPresentOrElse(outcome -> guard.info("Wallet instance revoked",
                outcome.alreadyRevoked() ? "It was revoked before; nothing changed."
                        : outcome.attestationsRevoked() + " attestation(s) revoked; the credentials follow in cascade "
                                + (outcome.cascade() == null ? "(none)" : outcome.cascade().getId()) + "."),
                () -> guard.error("Unknown wallet instance", selectedId));
        details = null;
    }

    public LazyDataModel<WalletInstance> getInstances() { return instances; }
    public WalletInstance.State[] getStates() { return WalletInstance.State.values(); }
    public String getIdPrefix() { return idPrefix; }
    public void setIdPrefix(String idPrefix) { this.idPrefix = idPrefix; }
    public WalletInstance.State getState() { return state; }
    public void setState(WalletInstance.State state) { this.state = state; }
    public String getSelectedId() { return selectedId; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
