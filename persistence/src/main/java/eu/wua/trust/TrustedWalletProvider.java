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

    public void addStatusListHost(String host) {
        statusListHosts.add(host);
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
}
