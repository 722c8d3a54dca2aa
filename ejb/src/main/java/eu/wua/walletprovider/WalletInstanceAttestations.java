package eu.wua.walletprovider;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.Digests;
import eu.wua.platform.JsonLimits;
import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.status.StatusListAllocator;
import eu.wua.status.StatusListEntry;
import eu.wua.walletprovider.WalletProviderRejection.Reason;
import eu.wua.wscd.WscdException;

/**
 * Issues a Wallet Instance Attestation to an instance that proved itself: its status list entry,
 * the record, the audit event and the signature by the Wallet Provider's key in the WSCD, all in
 * one transaction. The status entry (TS3 §2.5.1): every WIA an instance asks for one Credential
 * Issuer (its {@code audience}) carries the one entry of that instance and issuer, so a daily WIA
 * takes no entry of its own and revoking the instance flips one bit per issuer; a WIA for no named
 * issuer gets a fresh entry, so that two issuers never see the same index of one wallet unit.
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

    /** {@code audience}: the Credential Issuer the wallet will present this WIA to, or empty. */
    public String issue(String instanceId, String proof, Optional<String> audience) throws WalletProviderRejection, WscdException {
        Instant now = clock.instant();
        Optional<String> issuer = requireAudience(audience);
        WalletInstance instance = proofs.authenticate(instanceId, proof, now);
        Instant expiresAt = now.plus(settings.wiaLifetime());
        String wiaId = UUID.randomUUID().toString();
        StatusListEntry.Position status = issuer.isPresent() ? statusFor(instance, issuer.get(), now) : statusLists.allocate("wia", "wia", wiaId);
        em.persist(new WalletInstanceAttestationRecord(wiaId, instance.getId(), status.listId(), status.index(), now, expiresAt));
        String wia = sign(instance, now, expiresAt, status);
        audit.record("wallet-instance:" + instance.getId(), "wia.issued", instance.getId(), Map.of(
                "wia_id", wiaId, "status_list", status.listId(), "status_idx", String.valueOf(status.index()),
                "exp", expiresAt.toString(), "audience", issuer.orElse("")));
        return wia;
    }

    /** An absolute http(s) URL of printable characters, as a Credential Issuer identifier is. */
    static Optional<String> requireAudience(Optional<String> audience) throws WalletProviderRejection {
        if (audience.isEmpty()) {
            return audience;
        }
        String issuer = audience.get();
        URI uri;
        try {
            uri = issuer.length() > 512 || !JsonLimits.printable(issuer) ? null : new URI(issuer);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null || !List.of("https", "http").contains(uri.getScheme())) {
            throw new WalletProviderRejection(Reason.INVALID_AUDIENCE,
                    "audience must be the Credential Issuer's identifier, an absolute https URL of at most 512 characters");
        }
        return audience;
    }

    /** The instance's entry for {@code issuer}, made on its first WIA for it; the instance row's lock orders two first WIAs. */
    private StatusListEntry.Position statusFor(WalletInstance instance, String issuer, Instant now) {
        String audienceHash = Digests.sha256Hex(issuer);
        WiaStatusAssignment.Key key = new WiaStatusAssignment.Key(instance.getId(), audienceHash);
        WiaStatusAssignment assigned = em.find(WiaStatusAssignment.class, key);
        if (assigned == null) {
            em.lock(instance, LockModeType.PESSIMISTIC_WRITE);
            assigned = em.find(WiaStatusAssignment.class, key);
            if (assigned == null) {
                StatusListEntry.Position position = statusLists.allocate("wia", "wallet_instance", instance.getId());
                assigned = new WiaStatusAssignment(instance.getId(), audienceHash, position.listId(), position.index(), now);
                em.persist(assigned);
            }
        }
        return new StatusListEntry.Position(assigned.getStatusListId(), assigned.getStatusIndex());
    }

    private String sign(WalletInstance instance, Instant now, Instant expiresAt, StatusListEntry.Position status) throws WscdException {
        X509Certificate signing = platformKeys.certificateChain(PlatformKeyPurpose.WALLET_PROVIDER_SIGNING).get(0);
        JsonObject instanceKey = JSON.createReader(new StringReader(instance.getInstanceKeyJwk())).readObject();
        return platformKeys.signCompactJws(PlatformKeyPurpose.WALLET_PROVIDER_SIGNING, WalletInstanceAttestationFormat.header(signing),
                WalletInstanceAttestationFormat.payload(settings, instanceKey, now, expiresAt, status, now.plus(settings.statusMaintainedFor())));
    }
}
