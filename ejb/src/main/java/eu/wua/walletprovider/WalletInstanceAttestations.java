package eu.wua.walletprovider;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.StringReader;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.status.StatusListAllocator;
import eu.wua.status.StatusListEntry;
import eu.wua.wscd.WscdException;

/**
 * Issues a Wallet Instance Attestation to an instance that proved itself: a status list index of
 * its own, the record, the audit event and the signature by the Wallet Provider's key in the WSCD,
 * all in one transaction.
 */
@Stateless
public class WalletInstanceAttestations {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private InstanceProofs proofs;

    @Inject
    private StatusListAllocator statusLists;

    @Inject
    private PlatformKeys platformKeys;

    @Inject
    private WalletProviderSettings settings;

    @Inject
    private AuditTrail audit;

    public String issue(String instanceId, String proof) throws WalletProviderRejection, WscdException {
        Instant now = clock.instant();
        WalletInstance instance = proofs.authenticate(instanceId, proof, now);
        Instant expiresAt = now.plus(settings.wiaLifetime());
        String wiaId = UUID.randomUUID().toString();
        StatusListEntry.Position status = statusLists.allocate("wia", "wia", wiaId);
        em.persist(new WalletInstanceAttestationRecord(wiaId, instance.getId(), status.listId(), status.index(), now, expiresAt));
        String wia = sign(instance, now, expiresAt, status);
        // recorded after the signature: the audit chain's head stays locked only until the commit that follows
        audit.record("wallet-instance:" + instance.getId(), "wia.issued", instance.getId(), Map.of(
                "wia_id", wiaId, "status_list", status.listId(), "status_idx", String.valueOf(status.index()),
                "exp", expiresAt.toString()));
        return wia;
    }

    private String sign(WalletInstance instance, Instant now, Instant expiresAt, StatusListEntry.Position status) throws WscdException {
        X509Certificate signing = platformKeys.certificateChain(PlatformKeyPurpose.WALLET_PROVIDER_SIGNING).get(0);
        JsonObject instanceKey = JSON.createReader(new StringReader(instance.getInstanceKeyJwk())).readObject();
        return platformKeys.signCompactJws(PlatformKeyPurpose.WALLET_PROVIDER_SIGNING, WalletInstanceAttestationFormat.header(signing),
                WalletInstanceAttestationFormat.payload(settings, instanceKey, now, expiresAt, status, now.plus(settings.statusMaintainedFor())));
    }
}
