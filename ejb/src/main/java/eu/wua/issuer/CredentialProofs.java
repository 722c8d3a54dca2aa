package eu.wua.issuer;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.EcPublicKeys;
import eu.wua.platform.JsonLimits;
import eu.wua.platform.OpenId4Vci;

/**
 * The proofs of possession of the credential endpoint (VCI App. F): the {@code jwt} proof carrying a
 * Key Attestation in its {@code key_attestation} header, and the {@code attestation} proof type (the
 * KA alone, its {@code nonce} a live c_nonce). Both end by using the c_nonce(s) and the KA up.
 */
@Dependent
public class CredentialProofs {

    static final int MAX_LENGTH = 48 * 1024;
    static final int MAX_NONCE_LENGTH = 64;

    /** Only ES256, as proof_signing_alg_values_supported says: the remote WSCD signs ES256. */
    private static final Set<String> PROOF_ALGORITHMS = Set.of("ES256");

    private final KeyAttestationVerifier keyAttestations;
    private final SingleUse singleUse;
    private final VerificationSettings settings;

    @Inject
    public CredentialProofs(KeyAttestationVerifier keyAttestations, SingleUse singleUse, VerificationSettings settings) {
        this.keyAttestations = keyAttestations;
        this.singleUse = singleUse;
        this.settings = settings;
    }

    /** key-attestation.md §5 steps 1 to 11, for a {@code jwt} proof. */
    public VerifiedKeyAttestation verifyJwtProof(String proof, CredentialConfiguration configuration, Instant now) throws IssuanceRejection {
        return verifyJwtProof(proof, configuration, now, Checks.forIssuance());
    }

    /** The same steps, each recorded in {@code checks}; an inspection uses up no nonce and marks no KA used. */
    public VerifiedKeyAttestation verifyJwtProof(String proof, CredentialConfiguration configuration, Instant now, Checks checks)
            throws IssuanceRejection {
        ReceivedJwt jwt = checks.check("proof: one compact JWT", () -> ReceivedJwt.parse(proof, MAX_LENGTH, ReceivedJwt.Kind.PROOF));
        checks.check("proof: typ " + OpenId4Vci.PROOF_TYPE, () -> jwt.requireType(OpenId4Vci.PROOF_TYPE));
        checks.check("proof: alg ES256", () -> jwt.requireAlgorithm(PROOF_ALGORITHMS));
        checks.check("proof: no private key in the header", () -> requireNoPrivateKeyInHeader(jwt));
        String keyAttestation = checks.check("proof: key_attestation header present", () -> requireKeyAttestationHeader(jwt));
        VerifiedKeyAttestation ka = keyAttestations.verify(keyAttestation, configuration, now, checks);
        PublicJsonWebKey signer = checks.check("proof: signing key is an attested key", () -> requireAttestedSigner(jwt, ka));
        checks.check("proof: signature by the attested key", () -> jwt.verifySignature(signer.getPublicKey()));
        JwtClaims claims = checks.check("proof: claims are JSON", () -> jwt.claims());
        checks.check("proof: aud is this issuer", () -> jwt.requireAudience(settings.issuerIdentifier()));
        checks.check("proof: iat recent", () -> jwt.requireRecentIssuedAt(now, settings.clockSkew(), settings.proofMaxAge()));
        String nonce = checks.check("proof: nonce present", () -> requireNonce(claims));
        checks.check("proof: nonce is a live c_nonce", () -> useNonce(nonce, Reason.NONCE_INVALID, "the proof's nonce", now, checks));
        checks.check("KA: nonce is a live c_nonce (when it has one)", () -> requireKeyAttestationNonce(ka, Optional.of(nonce), now, checks));
        checks.check("KA: never used for an issuance before", () -> useOnce(ka, now, checks));
        return ka;
    }

    /** The {@code attestation} proof type (TS3 §2.2.2.2, HAIP §4.5.1): no PoP; the KA's nonce carries freshness. */
    public VerifiedKeyAttestation verifyAttestationProof(String keyAttestation, CredentialConfiguration configuration, Instant now)
            throws IssuanceRejection {
        return verifyAttestationProof(keyAttestation, configuration, now, Checks.forIssuance());
    }

    public VerifiedKeyAttestation verifyAttestationProof(String keyAttestation, CredentialConfiguration configuration, Instant now,
            Checks checks) throws IssuanceRejection {
        VerifiedKeyAttestation ka = keyAttestations.verify(keyAttestation, configuration, now, checks);
        checks.check("KA: carries the c_nonce (attestation proof)", () -> requireKeyAttestationCarriesNonce(ka));
        checks.check("KA: nonce is a live c_nonce", () -> requireKeyAttestationNonce(ka, Optional.empty(), now, checks));
        checks.check("KA: never used for an issuance before", () -> useOnce(ka, now, checks));
        return ka;
    }

    private static void requireNoPrivateKeyInHeader(ReceivedJwt jwt) throws IssuanceRejection {
        if (jwt.header("jwk") instanceof Map<?, ?> jwk && jwk.containsKey("d")) {
            throw new IssuanceRejection(Reason.PROOF_MALFORMED, "the proof's header holds a private key");
        }
    }

    private static String requireKeyAttestationHeader(ReceivedJwt jwt) throws IssuanceRejection {
        if (!(jwt.header("key_attestation") instanceof String ka) || ka.isBlank()) {
            throw new IssuanceRejection(Reason.PROOF_KEY_ATTESTATION_MISSING,
                    "the proof must carry a key attestation in its key_attestation header (key_attestations_required)");
        }
        return ka;
    }

    /**
     * TS3: the proof is signed by attested_keys[0]. OpenID4VCI: a {@code jwk} header names the key,
     * which must be one of attested_keys; without one, attested_keys[0] as in TS3.
     */
    private static PublicJsonWebKey requireAttestedSigner(ReceivedJwt jwt, VerifiedKeyAttestation ka) throws IssuanceRejection {
        Object jwk = jwt.header("jwk");
        if (jwk == null || ka.ts3Profile()) {
            return ka.attestedKeys().get(0);
        }
        try {
            String named = EcPublicKeys.requireP256((Map<?, ?>) jwk).calculateBase64urlEncodedThumbprint("SHA-256");
            for (PublicJsonWebKey attested : ka.attestedKeys()) {
                if (attested.calculateBase64urlEncodedThumbprint("SHA-256").equals(named)) {
                    return attested;
                }
            }
        } catch (EcPublicKeys.NotAKey | ClassCastException e) {
            throw new IssuanceRejection(Reason.PROOF_MALFORMED, "the proof's jwk header is not a public key");
        }
        throw new IssuanceRejection(Reason.PROOF_KEY_NOT_ATTESTED, "the key in the proof's jwk header is not one of attested_keys");
    }

    private static String requireNonce(JwtClaims claims) throws IssuanceRejection {
        if (!(claims.getClaimValue("nonce") instanceof String nonce) || nonce.isBlank()) {
            throw new IssuanceRejection(Reason.PROOF_NONCE_MISSING, "the proof must carry a c_nonce from the nonce endpoint as nonce");
        }
        return nonce;
    }

    private static void requireKeyAttestationCarriesNonce(VerifiedKeyAttestation ka) throws IssuanceRejection {
        if (ka.nonce().isEmpty()) {
            throw new IssuanceRejection(Reason.PROOF_NONCE_MISSING, "an attestation proof's key attestation must carry the c_nonce as nonce");
        }
    }

    private void useNonce(String nonce, Reason reason, String what, Instant now, Checks checks) throws IssuanceRejection {
        boolean live = nonce.length() <= MAX_NONCE_LENGTH && JsonLimits.printable(nonce)
                && (checks.inspection() ? singleUse.isLiveCNonce(nonce, now) : singleUse.useCNonce(nonce, now));
        if (!live) {
            throw new IssuanceRejection(reason, what + " is not a live c_nonce (unknown, expired or used); get a new one from the nonce endpoint");
        }
    }

    /** VCI App. F.1: a KA's nonce is a c_nonce too: the proof's own, or another live one that is used up now. */
    private void requireKeyAttestationNonce(VerifiedKeyAttestation ka, Optional<String> proofNonce, Instant now, Checks checks)
            throws IssuanceRejection {
        if (ka.nonce().isPresent() && !ka.nonce().equals(proofNonce)) {
            useNonce(ka.nonce().get(), Reason.KEY_ATTESTATION_NONCE, "the key attestation's nonce", now, checks);
        }
    }

    private void useOnce(VerifiedKeyAttestation ka, Instant now, Checks checks) throws IssuanceRejection {
        if (singleUse.isKeyAttestationUsed(ka.hash()) || !checks.inspection() && !singleUse.useKeyAttestation(ka.hash(), now)) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_REPLAYED, "this key attestation was used for an issuance before");
        }
    }
}
