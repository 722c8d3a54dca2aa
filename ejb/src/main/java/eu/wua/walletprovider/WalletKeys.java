package eu.wua.walletprovider;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.status.StatusListAllocator;
import eu.wua.status.StatusListEntry;
import eu.wua.walletprovider.WalletProviderRejection.Reason;
import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.GeneratedKeyRollback;
import eu.wua.wscd.KeyHandle;
import eu.wua.wscd.KeyOwner;
import eu.wua.wscd.Wscd;
import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdException;

/**
 * The remote WSCD for a wallet instance: generates its keys with a Key Attestation over all of
 * them, and signs JWS signing inputs with them, after the instance proved itself and its PIN.
 */
@Stateless
public class WalletKeys {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private InstanceProofs proofs;

    @Inject
    private WscdPinCheck pins;

    @Inject
    private Wscd wscd;

    @Inject
    private GeneratedKeyRollback rollback;

    @Inject
    private StatusListAllocator statusLists;

    @Inject
    private PlatformKeys platformKeys;

    @Inject
    private WalletProviderSettings settings;

    @Inject
    private KeyStoreCertifications certifications;

    @Inject
    private AuditTrail audit;

    /** Generates {@code count} keys and attests them in {@code profile}'s form; all of it, or nothing. */
    public IssuedKeys generate(String instanceId, String proof, String pin, int count, String profile, Optional<String> issuerNonce)
            throws WalletProviderRejection, WscdException {
        Instant now = clock.instant();
        WalletInstance instance = proofs.authenticate(instanceId, proof, now);
        requireCount(count);
        requireProfile(profile);
        requireRightPin(instance, pin);

        String kaId = UUID.randomUUID().toString();
        StatusListEntry.Position status = statusLists.allocate("ka", "key_attestation", kaId);
        List<IssuedKeys.Key> keys = new ArrayList<>();
        List<WscdKey> records = new ArrayList<>();
        KeyStoreCertification certification;
        try (WscdConnection connection = wscd.connect()) {
            certification = currentCertification(connection.describe().backend(), now);
            for (int i = 0; i < count; i++) {
                String kid = UUID.randomUUID().toString();
                GeneratedKey key = connection.generateKey(new KeyOwner(instance.getId()), kid);
                // the WSCD is not transactional: a key of a batch that fails is destroyed again
                rollback.destroyOnRollback(key.handle());
                JsonObject jwk = jwk(key);
                keys.add(new IssuedKeys.Key(kid, jwk));
                records.add(new WscdKey(kid, instance.getId(), key.handle().value(), kaId, jwk.toString(), now));
            }
        }
        String keyStorage = certification.getKeyStorage();
        Instant expiresAt = now.plus(settings.keyAttestationLifetime());
        em.persist(new KeyAttestationRecord(kaId, instance.getId(), profile, status.listId(), status.index(), keyStorage,
                certification.getId(), now, expiresAt));
        em.flush();
        records.forEach(em::persist);

        KeyAttestationFormat.Statement statement = new KeyAttestationFormat.Statement(
                keys.stream().map(IssuedKeys.Key::jwk).toList(), keyStorage, certification.getUserAuthentication(),
                certification.getCertificationUrl(), issuerNonce,
                status, settings.statusListUri(status.listId()), now, expiresAt, expiresAt.plus(settings.statusMaintainedFor()));
        String type = KeyAttestationFormat.TS3.equals(profile) ? settings.ts3KeyAttestationType() : KeyAttestationFormat.OPENID4VCI_TYPE;
        X509Certificate signing = platformKeys.certificateChain(PlatformKeyPurpose.WALLET_PROVIDER_SIGNING).get(0);
        String keyAttestation = platformKeys.signCompactJws(PlatformKeyPurpose.WALLET_PROVIDER_SIGNING,
                KeyAttestationFormat.header(type, signing), KeyAttestationFormat.payload(profile, statement));
        // recorded after the signature: the audit chain's head stays locked only until the commit that follows
        audit.record("wallet-instance:" + instance.getId(), "key_attestation.issued", instance.getId(), Map.of(
                "key_attestation_id", kaId, "profile", profile, "keys", String.valueOf(count), "key_storage", keyStorage,
                "certification", certification.getId(),
                "status_list", status.listId(), "status_idx", String.valueOf(status.index())));
        return new IssuedKeys(keys, keyAttestation);
    }

    /** Signs exactly the given JWS signing input ({@code base64url(header).base64url(payload)}) with ES256. */
    public byte[] sign(String instanceId, String kid, String proof, String pin, String signingInput)
            throws WalletProviderRejection, WscdException {
        Instant now = clock.instant();
        WalletInstance instance = proofs.authenticate(instanceId, proof, now);
        WscdKey key = em.find(WscdKey.class, kid == null ? "" : kid);
        if (key == null || !key.getInstanceId().equals(instance.getId())) {
            throw new WalletProviderRejection(Reason.UNKNOWN_KEY, "this instance has no key " + kid);
        }
        requireJwsSigningInput(signingInput);
        requireRightPin(instance, pin);
        byte[] signature;
        try (WscdConnection connection = wscd.connect()) {
            signature = connection.signEs256(new KeyHandle(key.getKeyHandle()), signingInput.getBytes(StandardCharsets.US_ASCII));
        }
        audit.record("wallet-instance:" + instance.getId(), "wscd.signature", instance.getId(), Map.of("kid", kid));
        return signature;
    }

    /** Checked before any key is generated, so that a refusal leaves nothing behind in the WSCD. */
    private KeyStoreCertification currentCertification(String backend, Instant now) throws WalletProviderRejection {
        return certifications.current(backend, now).orElseThrow(() -> new WalletProviderRejection(Reason.WSCD_NOT_CERTIFIED,
                "no valid key store certification is recorded for the " + backend
                        + " WSCD, so its keys cannot be attested; a certifier records one (POST /admin/v1/certifications)"));
    }

    private void requireCount(int count) throws WalletProviderRejection {
        if (count < 1 || count > settings.maxKeyCount()) {
            throw new WalletProviderRejection(Reason.INVALID_COUNT, "count must be between 1 and " + settings.maxKeyCount());
        }
    }

    private static void requireProfile(String profile) throws WalletProviderRejection {
        if (!KeyAttestationFormat.OPENID4VCI.equals(profile) && !KeyAttestationFormat.TS3.equals(profile)) {
            throw new WalletProviderRejection(Reason.UNKNOWN_PROFILE, "profile must be openid4vci or ts3");
        }
    }

    private void requireRightPin(WalletInstance instance, String pin) throws WalletProviderRejection {
        WalletProviderRejection wrong = pins.check(instance.getId(), pin);
        if (wrong != null) {
            throw wrong;
        }
    }

    /** Two base64url parts, the first a JOSE header asking for ES256: the WSCD signs JWS and nothing else. */
    private static void requireJwsSigningInput(String signingInput) throws WalletProviderRejection {
        String[] parts = signingInput == null ? new String[0] : signingInput.split("\\.", -1);
        if (parts.length != 2 || parts[0].isEmpty() || !parts[0].matches("[A-Za-z0-9_-]+") || !parts[1].matches("[A-Za-z0-9_-]*")) {
            throw new WalletProviderRejection(Reason.INVALID_SIGNING_INPUT, "signing_input must be base64url(header).base64url(payload)");
        }
        try {
            JsonObject header = JSON.createReader(new StringReader(
                    new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))).readObject();
            if (!"ES256".equals(header.getString("alg", null))) {
                throw new WalletProviderRejection(Reason.INVALID_SIGNING_INPUT, "the JOSE header must ask for alg ES256");
            }
        } catch (JsonException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new WalletProviderRejection(Reason.INVALID_SIGNING_INPUT, "the first part of signing_input is not a JOSE header");
        }
    }

    private static JsonObject jwk(GeneratedKey key) {
        try {
            String json = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            return JSON.createReader(new StringReader(json)).readObject();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException("cannot write the public key as a JWK", e);
        }
    }

}
