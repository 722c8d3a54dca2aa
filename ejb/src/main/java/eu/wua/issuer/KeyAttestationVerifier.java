package eu.wua.issuer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.EcPublicKeys;
import eu.wua.platform.EudiTs3;
import eu.wua.platform.Iso18045;
import eu.wua.status.StatusListEntry;
import eu.wua.status.StatusLookup;
import eu.wua.status.StatusReference;
import eu.wua.status.StatusUnknown;
import eu.wua.trust.TrustedChain;
import eu.wua.trust.UntrustedChain;
import eu.wua.trust.WalletProviderTrust;

/**
 * Verifies a Key Attestation (key-attestation.md §5 steps 3 to 8) in either form: OpenID4VCI 1.0
 * App. D ({@code key-attestation+jwt}, {@code status}) or EUDI TS3 v1.5 ({@code keyattestation+jwt},
 * or the hyphenated typ with {@code key_storage_status}; mandatory {@code certification}). Each step
 * is a named method failing with its own reason; the issuer trusts only the trust list and signatures.
 */
@Dependent
public class KeyAttestationVerifier {

    static final int MAX_LENGTH = 32 * 1024;
    static final int MAX_ATTESTED_KEYS = 1000;

    private final WalletProviderTrust trustList;
    private final StatusLookup statusLists;
    private final VerificationSettings settings;

    @Inject
    public KeyAttestationVerifier(WalletProviderTrust trustList, StatusLookup statusLists, VerificationSettings settings) {
        this.trustList = trustList;
        this.statusLists = statusLists;
        this.settings = settings;
    }

    public VerifiedKeyAttestation verify(String compact, CredentialConfiguration configuration, Instant now) throws IssuanceRejection {
        return verify(compact, configuration, now, Checks.forIssuance());
    }

    /** The same steps, each recorded in {@code checks} (the console's inspector shows them). */
    public VerifiedKeyAttestation verify(String compact, CredentialConfiguration configuration, Instant now, Checks checks)
            throws IssuanceRejection {
        ReceivedJwt jwt = checks.check("KA: one compact JWT", () -> ReceivedJwt.parse(compact, MAX_LENGTH, ReceivedJwt.Kind.KEY_ATTESTATION));
        String type = checks.check("KA: typ accepted", () -> jwt.requireTypeOneOf(checks.keyAttestationTypes(settings.keyAttestationTypes())));
        checks.check("KA: alg ES256/384/512", () -> jwt.requireAlgorithm(ReceivedJwt.WALLET_PROVIDER_ALGORITHMS));
        TrustedChain chain = checks.check("KA: x5c chains to a trusted Wallet Provider", () -> requireTrustedChain(jwt, now));
        checks.check("KA: signature by the x5c leaf", () -> jwt.verifySignature(chain.leaf().getPublicKey()));
        JwtClaims claims = checks.check("KA: claims are JSON", () -> jwt.claims());
        Instant expiresAt = checks.check("KA: iat and exp, not expired", () -> requireLifetime(jwt, claims, now));
        List<PublicJsonWebKey> keys = checks.check("KA: attested_keys are EC P-256 public keys", () -> requireAttestedKeys(claims));
        boolean ts3 = EudiTs3.KEY_ATTESTATION_TYPE.equals(type) || claims.hasClaim("key_storage_status");
        if (ts3) {
            checks.check("KA: TS3 certification and key_storage_status", () -> requireTs3Claims(claims));
        }
        List<String> keyStorage = checks.check("KA: key_storage and user_authentication meet " + configuration.getRequiredKeyStorage(),
                () -> requireKeyStoragePolicy(claims, configuration));
        Optional<StatusReference> status = checks.check("KA: status reference well-formed", () -> statusReference(claims, ts3));
        checks.check("KA: not revoked (Wallet Provider's status list)", () -> requireNotRevoked(status, chain.walletProviderId(), now));
        Optional<String> nonce = claims.getClaimValue("nonce") instanceof String n ? Optional.of(n) : Optional.empty();
        return new VerifiedKeyAttestation(jwt.identity(), ts3, chain.walletProviderId(), keys, keyStorage, status,
                statusMaintainedUntil(claims, ts3, expiresAt), expiresAt, nonce);
    }

    private TrustedChain requireTrustedChain(ReceivedJwt jwt, Instant now) throws IssuanceRejection {
        try {
            return trustList.validate(jwt.x5c(Reason.KEY_ATTESTATION_CHAIN), now);
        } catch (UntrustedChain e) {
            throw new IssuanceRejection(e.withdrawn() ? Reason.WALLET_PROVIDER_WITHDRAWN : Reason.KEY_ATTESTATION_CHAIN,
                    "the key attestation is not from a trusted Wallet Provider: " + e.getMessage());
        }
    }

    private Instant requireLifetime(ReceivedJwt jwt, JwtClaims claims, Instant now) throws IssuanceRejection {
        if (!(claims.getClaimValue("iat") instanceof Number issuedAt)) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "the key attestation lacks iat");
        }
        if (issuedAt.longValue() > now.plus(settings.clockSkew()).getEpochSecond()) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "the key attestation's iat lies in the future");
        }
        jwt.requireNotExpired(now, settings.clockSkew());
        try {
            return Instant.ofEpochSecond(claims.getExpirationTime().getValue());
        } catch (MalformedClaimException e) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "the key attestation's exp is malformed");
        }
    }

    /** Non-empty, each a public EC P-256 key (the curve of ES256, the proof algorithm we publish). */
    private static List<PublicJsonWebKey> requireAttestedKeys(JwtClaims claims) throws IssuanceRejection {
        if (!(claims.getClaimValue("attested_keys") instanceof List<?> list) || list.isEmpty() || list.size() > MAX_ATTESTED_KEYS) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "the key attestation's attested_keys must be a non-empty array of at most "
                    + MAX_ATTESTED_KEYS + " keys");
        }
        List<PublicJsonWebKey> keys = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> jwk)) {
                throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "an attested key is not a JWK");
            }
            try {
                keys.add(EcPublicKeys.requireP256(jwk));
            } catch (EcPublicKeys.NotAKey e) {
                throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "an attested key is refused: " + e.getMessage());
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
        List<String> accepted = Iso18045.atLeast(configuration.getRequiredKeyStorage());
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

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList() : List.of();
    }

    private static Optional<StatusReference> statusReference(JwtClaims claims, boolean ts3) throws IssuanceRejection {
        try {
            Object status = ts3 ? ((Map<?, ?>) claims.getClaimValue("key_storage_status")).get("status") : claims.getClaimValue("status");
            return StatusClaim.parse(status);
        } catch (StatusClaim.Malformed | ClassCastException e) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_CLAIMS, "the key attestation's status reference is malformed");
        }
    }

    /** TS3 §2.4.2 {@code key_storage_status.exp}: how long the KA's status is kept; its {@code exp} otherwise. */
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
        } catch (StatusUnknown e) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_STATUS_UNKNOWN, "the key attestation's status cannot be checked: " + e.getMessage());
        }
        if (value != StatusListEntry.VALID) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_REVOKED, "the key attestation is revoked (status " + value + ")");
        }
    }
}
