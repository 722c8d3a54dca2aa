package eu.wua.walletprovider;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.lang.JoseException;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.EcPublicKeys;
import eu.wua.platform.SlowHash;
import eu.wua.walletprovider.WalletProviderRejection.Reason;

/**
 * Registers a wallet instance: checks its instance key and integrity evidence, and stores the key
 * and the PIN's salted slow hash. The PIN is the remote WSCD's user authentication.
 */
@Stateless
public class WalletInstanceRegistration {

    public static final String DEVELOPMENT = "development";
    public static final String ANDROID_KEY_ATTESTATION = "android-key-attestation";
    private static final Pattern PIN = Pattern.compile("[0-9]{6,12}");

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private WalletProviderSettings settings;

    @Inject
    private SlowHash pinHash;

    @Inject
    private AuditTrail audit;

    @Inject
    private WalletProviderNonces nonces;

    /** The new instance's id. */
    public String register(Registration request) throws WalletProviderRejection {
        EllipticCurveJsonWebKey key = requirePublicP256Key(request.instanceKeyJwk());
        requirePinFormat(request.pin());
        requireAcceptedIntegrity(request, key);

        String thumbprint = thumbprint(key);
        if (!em.createQuery("SELECT i.id FROM WalletInstance i WHERE i.instanceKeyThumbprint = :t")
                .setParameter("t", thumbprint).getResultList().isEmpty()) {
            throw new WalletProviderRejection(Reason.INVALID_INSTANCE_KEY, "this instance key is registered already");
        }
        String id = UUID.randomUUID().toString();
        em.persist(new WalletInstance(id, key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), thumbprint,
                pinHash.hash(request.pin().toCharArray()), request.integrityType(), clock.instant()));
        audit.record("wallet-instance:" + id, "wallet_instance.registered", id,
                Map.of("integrity", request.integrityType(), "key_thumbprint", thumbprint));
        return id;
    }

    private static EllipticCurveJsonWebKey requirePublicP256Key(String jwk) throws WalletProviderRejection {
        Map<String, Object> members;
        try {
            members = JsonUtil.parseJson(jwk);
        } catch (JoseException | RuntimeException e) {
            throw new WalletProviderRejection(Reason.INVALID_INSTANCE_KEY, "instance_key is not a JWK");
        }
        if (members.containsKey("d")) {
            throw new WalletProviderRejection(Reason.INVALID_INSTANCE_KEY, "instance_key must hold the public key only");
        }
        try {
            return (EllipticCurveJsonWebKey) EcPublicKeys.requireP256(members);
        } catch (EcPublicKeys.NotAKey e) {
            throw new WalletProviderRejection(Reason.INVALID_INSTANCE_KEY, "instance_key must be an EC P-256 public key: " + e.getMessage());
        }
    }

    private static void requirePinFormat(String pin) throws WalletProviderRejection {
        if (pin == null || !PIN.matcher(pin).matches()) {
            throw new WalletProviderRejection(Reason.INVALID_PIN_FORMAT, "pin must be 6 to 12 digits");
        }
    }

    private void requireAcceptedIntegrity(Registration request, EllipticCurveJsonWebKey key) throws WalletProviderRejection {
        String type = request.integrityType();
        if (DEVELOPMENT.equals(type)) {
            if (!settings.developmentProfile()) {
                throw new WalletProviderRejection(Reason.INTEGRITY_NOT_ACCEPTED,
                        "integrity type development is accepted only when the platform runs with the development profile");
            }
            return;
        }
        if (ANDROID_KEY_ATTESTATION.equals(type)) {
            requireAndroidKeyAttestation(request.certificateChain(), key);
            return;
        }
        throw new WalletProviderRejection(Reason.INTEGRITY_NOT_ACCEPTED, "unknown integrity type " + type);
    }

    /** The chain must reach a configured root, and its challenge must be a nonce this Wallet Provider issued. */
    private void requireAndroidKeyAttestation(List<String> base64Chain, EllipticCurveJsonWebKey key) throws WalletProviderRejection {
        Instant now = clock.instant();
        AndroidKeyAttestationVerifier.AndroidKeyAttestation attestation = new AndroidKeyAttestationVerifier(
                settings.androidAttestationRoots()).verify(certificates(base64Chain), key.getPublicKey(), now);
        String challenge = new String(attestation.challenge(), StandardCharsets.UTF_8);
        if (!nonces.consume(challenge, now)) {
            throw new WalletProviderRejection(Reason.INTEGRITY_CHALLENGE,
                    "the attestation challenge is not a nonce this Wallet Provider issued, or it was used or has expired");
        }
    }

    private static List<X509Certificate> certificates(List<String> base64Chain) throws WalletProviderRejection {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String der : base64Chain) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(der))));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new WalletProviderRejection(Reason.INTEGRITY_MALFORMED, "certificate_chain must be base64 DER X.509 certificates");
        }
        return chain;
    }

    /** RFC 7638 JWK thumbprint: one instance key registers once. */
    private static String thumbprint(EllipticCurveJsonWebKey key) {
        return key.calculateBase64urlEncodedThumbprint("SHA-256");
    }
}
