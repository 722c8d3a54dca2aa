package eu.wua.walletprovider;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A registered wallet app instance: its instance key, and its PIN only as a salted slow hash. */
@Entity
@Table(name = "wallet_instance")
public class WalletInstance {

    public enum State { ACTIVE, REVOKED }

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "instance_key_jwk", nullable = false, length = 1024)
    private String instanceKeyJwk;

    @Column(name = "instance_key_thumbprint", nullable = false, unique = true)
    private String instanceKeyThumbprint;

    @Column(name = "pin_hash", nullable = false)
    private String pinHash;

    @Column(name = "failed_pin_attempts", nullable = false)
    private int failedPinAttempts;

    @Column(name = "integrity_type", nullable = false)
    private String integrityType;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    private State state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected WalletInstance() {
    }

    public WalletInstance(String id, String instanceKeyJwk, String instanceKeyThumbprint, String pinHash,
            String integrityType, Instant createdAt) {
        this.id = id;
        this.instanceKeyJwk = instanceKeyJwk;
        this.instanceKeyThumbprint = instanceKeyThumbprint;
        this.pinHash = pinHash;
        this.integrityType = integrityType;
        this.state = State.ACTIVE;
        this.createdAt = createdAt;
    }

    /** Counts a wrong PIN; the {@code limit}-th in a row locks the instance's keys. Answers the tries left. */
    public int recordWrongPin(int limit) {
        failedPinAttempts = Math.min(failedPinAttempts + 1, limit);
        return limit - failedPinAttempts;
    }

    /** Revoked for good: no later call of the instance is served. */
    public void revoke(Instant when) {
        state = State.REVOKED;
        revokedAt = when;
    }

    public void recordRightPin() {
        failedPinAttempts = 0;
    }

    public boolean isPinLocked(int limit) {
        return failedPinAttempts >= limit;
    }

    public String getId() { return id; }
    public String getInstanceKeyJwk() { return instanceKeyJwk; }
    public String getInstanceKeyThumbprint() { return instanceKeyThumbprint; }
    public String getPinHash() { return pinHash; }
    public int getFailedPinAttempts() { return failedPinAttempts; }
    public String getIntegrityType() { return integrityType; }
    public State getState() { return state; }
    public boolean isRevoked() { return state == State.REVOKED; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getRevokedAt() { return revokedAt; }
}
