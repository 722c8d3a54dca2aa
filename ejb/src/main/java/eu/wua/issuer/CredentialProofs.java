package eu.wua.issuer;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.lang.JoseException;

import eu.wua.issuer.IssuanceRejection.Reason;

/**
 * The proofs of possession of the credential endpoint (VCI App. F): the {@code jwt} proof carrying a
 * Key Attestation in its {@code key_attestation} header, and the {@code attestation} proof type (the
 * KA alone, its {@code nonce} a live c_nonce). Both end by using the c_nonce(s) and the KA up.
 */
@Stateless
public class CredentialProofs {

    public static final String PROOF_TYPE = "openid4vci-proof+jwt";

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private KeyAttestationVerifier keyAttestations;

    @Inject
    private IssuerNonces nonces;

    @Inject
    private IssuerSettings settings;

    /** key-attestation.md §5 steps 1 to 11, for a {@code jwt} proof. */
    public VerifiedKeyAttestation verifyJwtProof(String proof, CredentialConfiguration configuration, Instant now) throws IssuanceRejection {
        return verifyJwtProof(proof, configuration, now, Checks.forIssuance());
    }

    /** The same steps, each recorded in {@code checks}; an inspection uses up no nonce and marks no KA used. */
    public VerifiedKeyAttestation verifyJwtProof(String proof, CredentialConfiguration configuration, Instant now, Checks checks)
            throws IssuanceRejection {
        JsonWebSignature jws = checks.check("proof: one compact JWT", () -> parse(proof));
        checks.check("proof: typ " + PROOF_TYPE, () -> ClientAttestationVerifier.requireType(jws, PROOF_TYPE, Reason.PROOF_TYPE, "the proof"));
        checks.check("proof: alg ES256", () -> requireEs256(jws));
        checks.check("proof: no private key in the header", () -> requireNoPrivateKeyInHeader(jws));
        String keyAttestation = checks.check("proof: key_attestation header present", () -> requireKeyAttestationHeader(jws));
        VerifiedKeyAttestation ka = keyAttestations.verify(keyAttestation, configuration, now, checks);
        PublicJsonWebKey signer = checks.check("proof: signing key is an attested key", () -> requireAttestedSigner(jws, ka));
        checks.check("proof: signature by the attested key", () -> ClientAttestationVerifier.verifySignature(jws, signer.getPublicKey(),
                Reason.PROOF_SIGNATURE, "the proof (with the attested key)"));
        JwtClaims claims = checks.check("proof: claims are JSON", () -> ClientAttestationVerifier.claims(jws, Reason.PROOF_MALFORMED));
        checks.check("proof: aud is this issuer", () -> requireAudience(claims));
        checks.check("proof: iat recent", () -> requireIssuedAt(claims, now));
        String nonce = checks.check("proof: nonce present", () -> requireNonce(claims));
        checks.check("proof: nonce is a live c_nonce", () -> consumeNonce(nonce, Reason.NONCE_INVALID, "the proof's nonce", now, checks));
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
        checks.check("KA: carries the c_nonce (attestation proof)", () -> {
            if (ka.nonce().isEmpty()) {
                throw new IssuanceRejection(Reason.PROOF_NONCE_MISSING, "an attestation proof's key attestation must carry the c_nonce as nonce");
            }
        });
        checks.check("KA: nonce is a live c_nonce", () -> requireKeyAttestationNonce(ka, Optional.empty(), now, checks));
        checks.check("KA: never used for an issuance before", () -> useOnce(ka, now, checks));
        return ka;
    }

    private static JsonWebSignature parse(String proof) throws IssuanceRejection {
        if (proof == null || proof.length() > 48 * 1024 || proof.split("\\.", -1).length != 3) {
            throw new IssuanceRejection(Reason.PROOF_MALFORMED, "the proof is not one compact JWT");
        }
        try {
            return (JsonWebSignature) JsonWebSignature.fromCompactSerialization(proof);
        } catch (JoseException | ClassCastException e) {
            throw new IssuanceRejection(Reason.PROOF_MALFORMED, "the proof is not a well-formed JWT");
        }
    }

    /** Only ES256, as proof_signing_alg_values_supported says: the remote WSCD signs ES256. */
    private static void requireEs256(JsonWebSignature jws) throws IssuanceRejection {
        if (!"ES256".equals(jws.getAlgorithmHeaderValue())) {
            throw new IssuanceRejection(Reason.PROOF_ALGORITHM, "the proof must be signed with ES256, not " + jws.getAlgorithmHeaderValue());
        }
    }

    private static void requireNoPrivateKeyInHeader(JsonWebSignature jws) throws IssuanceRejection {
        if (jws.getHeaders().getObjectHeaderValue("jwk") instanceof Map<?, ?> jwk && jwk.containsKey("d")) {
            throw new IssuanceRejection(Reason.PROOF_MALFORMED, "the proof's header holds a private key");
        }
    }

    private static String requireKeyAttestationHeader(JsonWebSignature jws) throws IssuanceRejection {
        if (!(jws.getHeaders().getObjectHeaderValue("key_attestation") instanceof String ka) || ka.isBlank()) {
            throw new IssuanceRejection(Reason.PROOF_KEY_ATTESTATION_MISSING,
                    "the proof must carry a key attestation in its key_attestation header (key_attestations_required)");
        }
        return ka;
    }

    /**
     * TS3: the proof is signed by attested_keys[0]. OpenID4VCI: a {@code jwk} header names the key,
     * which must be one of attested_keys; without one, attested_keys[0] as in TS3.
     */
    @SuppressWarnings("unchecked")
    private static PublicJsonWebKey requireAttestedSigner(JsonWebSignature jws, VerifiedKeyAttestation ka) throws IssuanceRejection {
        Object jwk = jws.getHeaders().getObjectHeaderValue("jwk");
        if (jwk == null || ka.ts3Profile()) {
            return ka.attestedKeys().get(0);
        }
        try {
            String named = PublicJsonWebKey.Factory.newPublicJwk((Map<String, Object>) jwk).calculateBase64urlEncodedThumbprint("SHA-256");
            for (PublicJsonWebKey attested : ka.attestedKeys()) {
                if (attested.calculateBase64urlEncodedThumbprint("SHA-256").equals(named)) {
                    return attested;
                }
            }
        } catch (JoseException | ClassCastException e) {
            throw new IssuanceRejection(Reason.PROOF_MALFORMED, "the proof's jwk header is not a public key");
        }
        throw new IssuanceRejection(Reason.PROOF_KEY_NOT_ATTESTED, "the key in the proof's jwk header is not one of attested_keys");
    }

    private void requireAudience(JwtClaims claims) throws IssuanceRejection {
        try {
            if (claims.getAudience() == null || !claims.getAudience().contains(settings.identifier())) {
                throw new IssuanceRejection(Reason.PROOF_AUDIENCE, "the proof's aud must be the credential issuer " + settings.identifier());
            }
        } catch (MalformedClaimException e) {
            throw new IssuanceRejection(Reason.PROOF_AUDIENCE, "the proof's aud is malformed");
        }
    }

    private void requireIssuedAt(JwtClaims claims, Instant now) throws IssuanceRejection {
        try {
            if (claims.getIssuedAt() == null) {
                throw new IssuanceRejection(Reason.PROOF_ISSUED_AT, "the proof lacks iat");
            }
            long iat = claims.getIssuedAt().getValue();
            if (iat > now.plus(settings.clockSkew()).getEpochSecond()) {
                throw new IssuanceRejection(Reason.PROOF_ISSUED_AT, "the proof's iat lies in the future");
            }
            if (iat < now.minus(settings.proofMaxAge()).getEpochSecond()) {
                throw new IssuanceRejection(Reason.PROOF_ISSUED_AT, "the proof's iat is older than " + settings.proofMaxAge());
            }
        } catch (MalformedClaimException e) {
            throw new IssuanceRejection(Reason.PROOF_ISSUED_AT, "the proof's iat is malformed");
        }
    }

    private static String requireNonce(JwtClaims claims) throws IssuanceRejection {
        if (!(claims.getClaimValue("nonce") instanceof String nonce) || nonce.isBlank()) {
            throw new IssuanceRejection(Reason.PROOF_NONCE_MISSING, "the proof must carry a c_nonce from the nonce endpoint as nonce");
        }
        return nonce;
    }

    private void consumeNonce(String nonce, Reason reason, String what, Instant now, Checks checks) throws IssuanceRejection {
        if (nonce.length() > 64 || !(checks.inspection() ? nonces.isLive(nonce, now) : nonces.consume(nonce, now))) {
            throw new IssuanceRejection(reason, what + " is not a live c_nonce (unknown, expired or used); get a new one from the nonce endpoint");
        }
    }

    /** VCI App. F.1: a KA's nonce is a c_nonce too: the proof's own, or another live one that is used up now. */
    private void requireKeyAttestationNonce(VerifiedKeyAttestation ka, Optional<String> proofNonce, Instant now, Checks checks)
            throws IssuanceRejection {
        if (ka.nonce().isPresent() && !ka.nonce().equals(proofNonce)) {
            consumeNonce(ka.nonce().get(), Reason.KEY_ATTESTATION_NONCE, "the key attestation's nonce", now, checks);
        }
    }

    private void useOnce(VerifiedKeyAttestation ka, Instant now, Checks checks) throws IssuanceRejection {
        if (em.find(UsedKeyAttestation.class, ka.hash()) != null) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_REPLAYED, "this key attestation was used for an issuance before");
        }
        if (checks.inspection()) {
            return;
        }
        try {
            em.persist(new UsedKeyAttestation(ka.hash(), now));
            em.flush(); // a racing twin, on any node, fails here on the primary key
        } catch (PersistenceException e) {
            throw new IssuanceRejection(Reason.KEY_ATTESTATION_REPLAYED, "this key attestation was used for an issuance before");
        }
    }
}
