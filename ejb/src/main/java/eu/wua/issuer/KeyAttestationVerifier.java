package eu.wua.issuer;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.lang.JoseException;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.status.StatusListEntry;
import eu.wua.status.StatusListReader;
import eu.wua.trust.TrustList;
import eu.wua.trust.TrustedChain;
import eu.wua.trust.UntrustedChain;
import eu.wua.walletprovider.KeyStoreCertifications;

/**
 * Verifies a Key Attestation (key-attestation.md §5 steps 3 to 8) in either form: OpenID4VCI 1.0
 * App. D ({@code key-attestation+jwt}, {@code status}) or EUDI TS3 v1.5 ({@code keyattestation+jwt},
 * or the hyphenated typ with {@code key_storage_status}; mandatory {@code certification}). Each step
 * is a named method failing with its own reason; the issuer trusts only the trust list and signatures.
 */
@Stateless
public class KeyAttestationVerifier {

    public static final String OPENID4VCI_TYPE = "key-attestation+jwt";
    public static final String TS3_TYPE = "keyattestation+jwt";

    @Inject
    private TrustList trustList;

    @Inject
    private StatusListReader statusLists;

    @Inject
    private IssuerSettings settings;

    public VerifiedKeyAttestation verify(String compact, CredentialConfiguration configuration, Instant now) throws IssuanceRejection {
        return verify(compact, configuration, now, Checks.forIssuance());
    }

    /** The same steps, each recorded in {@code checks} (the console's inspector shows them). */
    public VerifiedKeyAttestation verify(String compact, CredentialConfiguration configuration, Instant now, Checks checks)
            throws IssuanceRejection {
        JsonWebSignature jws = checks.check("KA: one compact JWT", () -> parse(compact));
        String type = checks.check("KA: typ accepted", () -> requireAcceptedType(jws, checks.keyAttestationTypes(settings.keyAttestationTypes())));
        checks.check("KA: alg ES256/384/512", () -> ClientAttestationVerifier.requireAlgorithm(jws, Reason.KEY_ATTESTATION_ALGORITHM,
                "the key attestation"));
        TrustedChain chain = checks.check("KA: x5c chains to a trusted Wallet Provider", () -> requireTrustedChain(jws, now));
        checks.check("KA: signature by the x5c leaf", () -> ClientAttestationVerifier.verifySignature(jws, chain.leaf().getPublicKey(),
                Reason.KEY_ATTESTATION_SIGNATURE, "the key attestation"));
        JwtClaims claims = checks.check("KA: claims are JSON", () -> ClientAttestationVerifier.claims(jws, Reason.KEY_ATTESTATION_MALFORMED));
        Instant expiresAt = checks.check("KA: iat and exp, not expired", () -> requireLifetime(claims, now));
        List<PublicJsonWebKey> keys = checks.check("KA: attested_keys are EC P-256 public keys", () -> requireAttestedKeys(claims));
        boolean ts3 = TS3_TYPE.equals(type) || claims.hasClaim("key_storage_status");
        if (ts3) {
            checks.check("KA: TS3 certification and key_storage_status", () -> requireTs3Claims(claims));
        }
        List<String> keyStorage = checks.check("KA: key_storage and user_authentication meet " + configuration.getRequiredKeyStorage(),
                () -> requireKeyStoragePolicy(claims, configuration));
        Optional<StatusReference> status = checks.check("KA: status reference well-formed", () -> statusReference(claims, ts3));
        checks.check("KA: not revoked (Wallet Provider's status list)", () -> requireNotRevoked(status, chain.walletProviderId(), now));
        Optional<String> nonce = claims.getClaimValue("nonce") instanceof String n ? Optional.of(n) : Optional.empty();
        return new VerifiedKeyAttestation(Digests.sha256Hex(compact), ts3, chain.walletProviderId(), keys, keyStorage, status,
                statusMaintainedUntil(claims, ts3, expiresAt), expiresAt, nonce);
    }

    private static JsonWebSignature parse(String compact) throws IssuanceRejection {
        if (compact == null || compact.length() > 32 * 1024 || compact.split("\\.", -1).length != 3) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_MALFORMED, "the key attestation is not one compact JWT");
        }
        try {
            return (JsonWebSignature) JsonWebSignature.fromCompactSerialization(compact);
        } catch (JoseException | ClassCastException e) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_MALFORMED, "the key attestation is not a well-formed JWT");
        }
    }

    private static String requireAcceptedType(JsonWebSignature jws, List<String> accepted) throws IssuanceRejection {
        String type = jws.getHeader("typ");
        if (type == null || !accepted.contains(type)) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_TYPE, "the key attestation's typ must be "
                    + String.join(" or ", accepted) + ", not " + type);
        }
        return type;
    }

    private TrustedChain requireTrustedChain(JsonWebSignature jws, Instant now) throws IssuanceRejection {
        try {
            List<X509Certificate> x5c = jws.getCertificateChainHeaderValue();
            return trustList.validate(x5c, now);
        } catch (JoseException e) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_CHAIN, "the key attestation's x5c does not decode");
        } catch (UntrustedChain e) {
            throw new IssuanceRejection(e.withdrawn() ? Reason.WALLET_PROVIDER_WITHDRAWN : Reason.KEY_ATTESTATION_CHAIN,
                    "the key attestation is not from a trusted Wallet Provider: " + e.getMessage());
        }
    }

    private Instant requireLifetime(JwtClaims claims, Instant now) throws IssuanceRejection {
        try {
            if (claims.getIssuedAt() == null || claims.getExpirationTime() == null) {
                throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "the key attestation lacks iat or exp");
            }
            Instant expiresAt = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
            if (!expiresAt.isAfter(now.minus(settings.clockSkew()))) {
                throw new IssuanceRejection(Reason.KEY_ATTESTATION_EXPIRED, "the key attestation expired at " + expiresAt);
            }
            return expiresAt;
        } catch (MalformedClaimException e) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "the key attestation's iat or exp is malformed");
        }
    }

    /** Non-empty, each a public EC P-256 key (the curve of ES256, the proof algorithm we publish). */
    private static List<PublicJsonWebKey> requireAttestedKeys(JwtClaims claims) throws IssuanceRejection {
        if (!(claims.getClaimValue("attested_keys") instanceof List<?> list) || list.isEmpty() || list.size() > 1000) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "the key attestation's attested_keys must be a non-empty array");
        }
        List<PublicJsonWebKey> keys = new ArrayList<>();
        for (Object entry : list) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> jwk = (Map<String, Object>) entry;
                if (jwk.containsKey("d")) {
                    throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "an attested key holds a private key");
                }
                PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(jwk);
                if (!(key instanceof EllipticCurveJsonWebKey ec) || !"P-256".equals(ec.getCurveName())) {
                    throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "every attested key must be an EC P-256 public key");
                }
                keys.add(key);
            } catch (JoseException | ClassCastException e) {
                throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "an attested key is not a JWK");
            }
        }
        return keys;
    }

    private static void requireTs3Claims(JwtClaims claims) throws IssuanceRejection {
        if (!(claims.getClaimValue("certification") instanceof String certification) || certification.isBlank()) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "a TS3 key attestation must name its certification");
        }
        if (!(claims.getClaimValue("key_storage_status") instanceof Map<?, ?> status) || !status.containsKey("status")) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "a TS3 key attestation must carry key_storage_status");
        }
    }

    /** VCI §12.2.4: key_storage and user_authentication each meet one of the levels the configuration accepts. */
    private static List<String> requireKeyStoragePolicy(JwtClaims claims, CredentialConfiguration configuration) throws IssuanceRejection {
        List<String> accepted = acceptedLevels(configuration.getRequiredKeyStorage());
        List<String> keyStorage = strings(claims.getClaimValue("key_storage"));
        List<String> userAuthentication = strings(claims.getClaimValue("user_authentication"));
        if (keyStorage.stream().noneMatch(accepted::contains)) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_KEY_STORAGE, "the key attestation's key_storage " + keyStorage
                    + " does not meet " + configuration.getRequiredKeyStorage() + ", which " + configuration.getId() + " requires");
        }
        if (userAuthentication.stream().noneMatch(accepted::contains)) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_KEY_STORAGE, "the key attestation's user_authentication " + userAuthentication
                    + " does not meet " + configuration.getRequiredKeyStorage() + ", which " + configuration.getId() + " requires");
        }
        return keyStorage;
    }

    /** The levels at least as strong as {@code weakest}, strongest first. */
    public static List<String> acceptedLevels(String weakest) {
        int index = KeyStoreCertifications.LEVELS.indexOf(weakest);
        return KeyStoreCertifications.LEVELS.subList(0, index < 0 ? 1 : index + 1);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList() : List.of();
    }

    private static Optional<StatusReference> statusReference(JwtClaims claims, boolean ts3) throws IssuanceRejection {
        try {
            Object status = ts3 ? ((Map<?, ?>) claims.getClaimValue("key_storage_status")).get("status") : claims.getClaimValue("status");
            return StatusReference.of(status);
        } catch (StatusReference.MalformedReference | ClassCastException e) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "the key attestation's status reference is malformed");
        }
    }

    private static Instant statusMaintainedUntil(JwtClaims claims, boolean ts3, Instant expiresAt) {
        if (ts3 && claims.getClaimValue("key_storage_status") instanceof Map<?, ?> map && map.get("exp") instanceof Number exp) {
            return Instant.ofEpochSecond(exp.longValue());
        }
        return expiresAt;
    }

    private void requireNotRevoked(Optional<StatusReference> status, String walletProviderId, Instant now) throws IssuanceRejection {
        if (status.isEmpty()) {
            return;
        }
        int value;
        try {
            value = statusLists.status(status.get().uri(), status.get().index(), walletProviderId, now);
        } catch (StatusListReader.StatusUnknown e) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_STATUS_UNKNOWN, "the key attestation's status cannot be checked: " + e.getMessage());
        }
        if (value != StatusListEntry.VALID) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_REVOKED, "the key attestation is revoked (status " + value + ")");
        }
    }
}
