package eu.wua.walletprovider;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A wallet key held in the WSCD for an instance; named to the wallet by its kid. */
@Entity
@Table(name = "wscd_key")
public class WscdKey {

    @Id
    @Column(name = "kid")
    private String kid;

    @Column(name = "instance_id", nullable = false)
    private String instanceId;

    @Column(name = "key_handle", nullable = false, unique = true)
    private String keyHandle;

    @Column(name = "key_attestation_id", nullable = false, updatable = false)
    private String keyAttestationId;

    @Column(name = "public_jwk", nullable = false, length = 1024)
    private String publicJwk;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected WscdKey() {
    }

    public WscdKey(String kid, String instanceId, String keyHandle, String keyAttestationId, String publicJwk, Instant createdAt) {
        this.kid = kid;
        this.instanceId = instanceId;
        this.keyHandle = keyHandle;
        this.keyAttestationId = keyAttestationId;
        this.publicJwk = publicJwk;
        this.createdAt = createdAt;
    }

    public String getKid() { return kid; }
    public String getInstanceId() { return instanceId; }
    public String getKeyHandle() { return keyHandle; }
    public String getKeyAttestationId() { return keyAttestationId; }
    public String getPublicJwk() { return publicJwk; }
    public Instant getCreatedAt() { return createdAt; }
}
