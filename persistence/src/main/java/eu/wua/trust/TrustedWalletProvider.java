package eu.wua.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/** A Wallet Provider on the trust list, with the CA certificates its attestation chains must reach. */
@Entity
@Table(name = "trusted_wallet_provider")
public class TrustedWalletProvider {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "identifier", nullable = false, unique = true)
    private String identifier;

    @Column(name = "name", nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    private TrustState state;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    @Column(name = "withdrawn_reason")
    private String withdrawnReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "origin", nullable = false)
    private TrustOrigin origin = TrustOrigin.LOCAL;

    @Column(name = "listed_sequence_number")
    private Long listedSequenceNumber;

    @Column(name = "listed_issued_at")
    private Instant listedIssuedAt;

    /** The service status the list gives (a URI), or null where it gives none (listed means granted). */
    @Column(name = "listed_status")
    private String listedStatus;

    /** The next update of the list version it was last read from: after it, the list no longer vouches for it. */
    @Column(name = "listed_until")
    private Instant listedUntil;

    @Column(name = "local_suspension_at")
    private Instant localSuspensionAt;

    @Column(name = "local_suspension_by")
    private String localSuspensionBy;

    @Column(name = "local_suspension_reason")
    private String localSuspensionReason;

    @OneToMany(mappedBy = "walletProvider", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    private List<TrustAnchor> trustAnchors = new ArrayList<>();

    /** Hosts ({@code name} or {@code name:port}) it publishes status lists on, besides its identifier's host. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "trusted_wallet_provider_status_host", joinColumns = @JoinColumn(name = "provider_id"))
    @Column(name = "host")
    private Set<String> statusListHosts = new HashSet<>();

    protected TrustedWalletProvider() {
    }

    public TrustedWalletProvider(String id, String identifier, String name, Instant createdAt) {
        this.id = id;
        this.identifier = identifier;
        this.name = name;
        this.state = TrustState.TRUSTED;
        this.createdAt = createdAt;
    }

    public void addTrustAnchor(TrustAnchor anchor) {
        anchor.attachTo(this);
        trustAnchors.add(anchor);
    }

    /** A provider taken from a List of Trusted Entities. */
    public static TrustedWalletProvider listed(String id, String identifier, String name, Instant createdAt) {
        TrustedWalletProvider provider = new TrustedWalletProvider(id, identifier, name, createdAt);
        provider.origin = TrustOrigin.LOTE;
        return provider;
    }

    public void addStatusListHost(String host) {
        statusListHosts.add(host);
    }

    public void removeTrustAnchor(TrustAnchor anchor) {
        trustAnchors.remove(anchor);
    }

    public void replaceStatusListHosts(Set<String> hosts) {
        statusListHosts.retainAll(hosts);
        statusListHosts.addAll(hosts);
    }

    public void rename(String name) {
        this.name = name;
    }

    /** What the list version {@code sequenceNumber} says of it: its status there and until when the list vouches for it. */
    public void listedIn(long sequenceNumber, Instant issuedAt, String status, Instant until) {
        this.listedSequenceNumber = sequenceNumber;
        this.listedIssuedAt = issuedAt;
        this.listedStatus = status == null || status.length() <= 512 ? status : status.substring(0, 512);
        this.listedUntil = until;
    }

    public void suspend() {
        state = TrustState.SUSPENDED;
    }

    public void grantAgain() {
        state = TrustState.TRUSTED;
    }

    public void suspendLocally(Instant when, String by, String reason) {
        localSuspensionAt = when;
        localSuspensionBy = by;
        localSuspensionReason = reason;
    }

    public void liftLocalSuspension() {
        localSuspensionAt = null;
        localSuspensionBy = null;
        localSuspensionReason = null;
    }

    public boolean isLocallySuspended() {
        return localSuspensionAt != null;
    }

    public void withdraw(Instant when, String reason) {
        state = TrustState.WITHDRAWN;
        withdrawnAt = when;
        withdrawnReason = reason;
    }

    public String getId() { return id; }
    public String getIdentifier() { return identifier; }
    public String getName() { return name; }
    public TrustState getState() { return state; }
    public Instant getWithdrawnAt() { return withdrawnAt; }
    public String getWithdrawnReason() { return withdrawnReason; }
    public Instant getCreatedAt() { return createdAt; }
    public List<TrustAnchor> getTrustAnchors() { return List.copyOf(trustAnchors); }
    public Set<String> getStatusListHosts() { return Set.copyOf(statusListHosts); }
    public TrustOrigin getOrigin() { return origin; }
    public Long getListedSequenceNumber() { return listedSequenceNumber; }
    public Instant getListedIssuedAt() { return listedIssuedAt; }
    public String getListedStatus() { return listedStatus; }
    public Instant getListedUntil() { return listedUntil; }
    public Instant getLocalSuspensionAt() { return localSuspensionAt; }
    public String getLocalSuspensionBy() { return localSuspensionBy; }
    public String getLocalSuspensionReason() { return localSuspensionReason; }
}
