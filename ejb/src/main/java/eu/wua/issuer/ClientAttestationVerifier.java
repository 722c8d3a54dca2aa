package eu.wua.issuer;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.status.StatusListEntry;
import eu.wua.status.StatusListReader;
import eu.wua.trust.TrustList;
import eu.wua.trust.TrustedChain;
import eu.wua.trust.UntrustedChain;

/**
 * Attestation-based client authentication at the token endpoint (ABCA-07 §9, in the order of
 * wia-and-client-auth.md §7): the WIA, then its PoP. Each check is a named method that fails with
 * its own reason. The WIA's {@code iss} is never required (TS3 drops it); a PoP {@code iss} must be the WIA {@code sub}.
 */
@Stateless
public class ClientAttestationVerifier {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ClientAttestationVerifier.class.getName());

    public static final String WIA_TYPE = "oauth-client-attestation+jwt";
    public static final String POP_TYPE = "oauth-client-attestation-pop+jwt";
    static final Set<String> ALGORITHMS = Set.of("ES256", "ES384", "ES512");

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private TrustList trustList;

    @Inject
    private StatusListReader statusLists;

    @Inject
    private IssuerSettings settings;

    /** A wallet instance the WIA vouches for and whose key signed the PoP. */
    public record AttestedClient(String walletProviderId, String subject, PublicJsonWebKey instanceKey, String thumbprint,
            Optional<StatusReference> status, Instant statusMaintainedUntil) {
    }

    public AttestedClient verify(String wia, String pop, Instant now) throws IssuanceRejection {
        return verify(wia, pop, now, Checks.forIssuance());
    }

    /** The same steps, each recorded in {@code checks}; an inspection records no PoP jti. */
    public AttestedClient verify(String wia, String pop, Instant now, Checks checks) throws IssuanceRejection {
        JsonWebSignature wiaJws = checks.check("WIA: one compact JWT", () -> parse(wia, "OAuth-Client-Attestation"));
        checks.check("WIA: typ " + WIA_TYPE, () -> requireType(wiaJws, WIA_TYPE, Reason.CLIENT_ATTESTATION_TYPE, "the client attestation"));
        checks.check("WIA: alg ES256/384/512", () -> requireAlgorithm(wiaJws, Reason.CLIENT_ATTESTATION_ALGORITHM, "the client attestation"));
        TrustedChain chain = checks.check("WIA: x5c chains to a trusted Wallet Provider", () -> requireTrustedChain(wiaJws, now));
        checks.check("WIA: signature by the x5c leaf", () -> verifySignature(wiaJws, chain.leaf().getPublicKey(),
                Reason.CLIENT_ATTESTATION_SIGNATURE, "the client attestation"));
        JwtClaims claims = checks.check("WIA: claims are JSON", () -> claims(wiaJws, Reason.CLIENT_ATTESTATION_CLAIMS));
        PublicJsonWebKey instanceKey = checks.check("WIA: iss, sub and cnf.jwk", () -> requireWiaClaims(claims));
        checks.check("WIA: not expired", () -> requireNotExpired(claims, now));
        checks.check("WIA: fresh enough", () -> requireFresh(claims, now));
        Optional<StatusReference> status = checks.check("WIA: status reference well-formed", () -> statusReference(claims));

        JsonWebSignature popJws = checks.check("PoP: one compact JWT", () -> parse(pop, "OAuth-Client-Attestation-PoP"));
        checks.check("PoP: typ " + POP_TYPE, () -> requireType(popJws, POP_TYPE, Reason.POP_TYPE, "the client attestation PoP"));
        checks.check("PoP: alg ES256/384/512", () -> requireAlgorithm(popJws, Reason.POP_SIGNATURE, "the client attestation PoP"));
        checks.check("PoP: signature by the WIA's cnf.jwk", () -> verifySignature(popJws, instanceKey.getPublicKey(), Reason.POP_SIGNATURE,
                "the client attestation PoP (with the WIA's cnf.jwk)"));
        JwtClaims popClaims = checks.check("PoP: claims are JSON", () -> claims(popJws, Reason.POP_ISSUED_AT));
        checks.check("PoP: aud is this issuer", () -> requirePopAudience(popClaims));
        checks.check("PoP: iat recent", () -> requirePopIssuedAt(popClaims, now));
        String subject = string(claims, "sub");
        checks.check("PoP: iss is the WIA's sub", () -> requirePopIssuerIsWiaSubject(popClaims, subject));
        String thumbprint = instanceKey.calculateBase64urlEncodedThumbprint("SHA-256");
        checks.check("PoP: jti never used", () -> requireUnusedJti(popClaims, thumbprint, now, checks));

        checks.check("WIA: not revoked (Wallet Provider's status list)", () -> requireNotRevoked(status, chain.walletProviderId(), now));
        return new AttestedClient(chain.walletProviderId(), subject, instanceKey, thumbprint, status, statusMaintainedUntil(claims));
    }

    private static JsonWebSignature parse(String compact, String header) throws IssuanceRejection {
        if (compact == null || compact.isBlank()) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_MISSING, "the " + header + " header is missing");
        }
        if (compact.length() > 16 * 1024 || compact.split("\\.", -1).length != 3) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_MALFORMED, "the " + header + " header is not one compact JWT");
        }
        try {
            return (JsonWebSignature) JsonWebSignature.fromCompactSerialization(compact);
        } catch (JoseException | ClassCastException e) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_MALFORMED, "the " + header + " header is not a well-formed JWT");
        }
    }

    static void requireType(JsonWebSignature jws, String type, Reason reason, String what) throws IssuanceRejection {
        if (!type.equals(jws.getHeader("typ"))) {
            throw new IssuanceRejection(reason, what + " must have typ " + type + ", not " + jws.getHeader("typ"));
        }
    }

    static void requireAlgorithm(JsonWebSignature jws, Reason reason, String what) throws IssuanceRejection {
        if (!ALGORITHMS.contains(jws.getAlgorithmHeaderValue())) {
            throw new IssuanceRejection(reason, what + " must be signed with ES256, ES384 or ES512, not " + jws.getAlgorithmHeaderValue());
        }
    }

    private TrustedChain requireTrustedChain(JsonWebSignature jws, Instant now) throws IssuanceRejection {
        try {
            List<X509Certificate> x5c = jws.getCertificateChainHeaderValue();
            return trustList.validate(x5c, now);
        } catch (JoseException e) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CHAIN, "the client attestation's x5c does not decode");
        } catch (UntrustedChain e) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CHAIN, "the client attestation is not from a trusted Wallet Provider: "
                    + e.getMessage());
        }
    }

    static void verifySignature(JsonWebSignature jws, java.security.Key key, Reason reason, String what) throws IssuanceRejection {
        try {
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHMS.toArray(String[]::new)));
            jws.setKey(key);
            eu.wua.platform.SignatureVerification.providerContext().ifPresent(jws::setProviderContext);
            if (jws.verifySignature()) {
                return;
            }
        } catch (JoseException e) {
            // a malformed signature is the sender's fault (answered below); a provider failing on a
            // well-formed one is ours, and an operator must be able to see it
            if (e.getCause() instanceof java.security.ProviderException || e.getCause() instanceof java.security.SignatureException
                    || e.getCause() instanceof java.security.InvalidKeyException) {
                LOG.warning("ES256 verification of " + what
                        + " failed in provider " + eu.wua.platform.SignatureVerification.providerName() + ": " + e.getCause());
            }
        }
        throw new IssuanceRejection(reason, "the signature of " + what + " does not verify");
    }

    static JwtClaims claims(JsonWebSignature jws, Reason reason) throws IssuanceRejection {
        try {
            return JwtClaims.parse(jws.getUnverifiedPayload());
        } catch (InvalidJwtException e) {
            throw new IssuanceRejection(reason, "the claims are not a JSON object");
        }
    }

    @SuppressWarnings("unchecked")
    private static PublicJsonWebKey requireWiaClaims(JwtClaims claims) throws IssuanceRejection {
        try {
            if (claims.getSubject() == null || claims.getExpirationTime() == null) {
                throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CLAIMS, "the client attestation lacks sub or exp");
            }
            Object cnf = claims.getClaimValue("cnf");
            if (!(cnf instanceof Map<?, ?> confirmation) || !(confirmation.get("jwk") instanceof Map<?, ?> jwk)) {
                throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CLAIMS, "the client attestation lacks cnf.jwk");
            }
            if (jwk.containsKey("d")) {
                throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CLAIMS, "the client attestation's cnf.jwk holds a private key");
            }
            return PublicJsonWebKey.Factory.newPublicJwk((Map<String, Object>) jwk);
        } catch (MalformedClaimException | JoseException e) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CLAIMS, "the client attestation's claims are malformed: " + e.getMessage());
        }
    }

    private void requireNotExpired(JwtClaims claims, Instant now) throws IssuanceRejection {
        try {
            if (claims.getExpirationTime().getValue() + settings.clockSkew().toSeconds() < now.getEpochSecond()) {
                throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_EXPIRED, "the client attestation expired at "
                        + Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
            }
        } catch (MalformedClaimException e) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CLAIMS, "the client attestation's exp is malformed");
        }
    }

    /** ABCA-07 §6.2 use_fresh_attestation: an attestation older than the policy's maximum age. */
    private void requireFresh(JwtClaims claims, Instant now) throws IssuanceRejection {
        try {
            if (claims.getIssuedAt() != null && claims.getIssuedAt().getValue() < now.minus(settings.wiaMaxAge()).getEpochSecond()) {
                throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_STALE, "the client attestation is older than " + settings.wiaMaxAge()
                        + "; get a fresh one from the Wallet Provider");
            }
        } catch (MalformedClaimException e) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CLAIMS, "the client attestation's iat is malformed");
        }
    }

    /** TS3 §2.3.1 {@code client_status.status}, or OpenID4VCI App. E's top-level {@code status}. */
    private static Optional<StatusReference> statusReference(JwtClaims claims) throws IssuanceRejection {
        try {
            Object clientStatus = claims.getClaimValue("client_status");
            Object status = clientStatus instanceof Map<?, ?> map ? map.get("status") : claims.getClaimValue("status");
            return StatusReference.of(status);
        } catch (StatusReference.MalformedReference e) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_CLAIMS, "the client attestation's status reference is malformed");
        }
    }

    private static Instant statusMaintainedUntil(JwtClaims claims) {
        if (claims.getClaimValue("client_status") instanceof Map<?, ?> map && map.get("exp") instanceof Number exp) {
            return Instant.ofEpochSecond(exp.longValue());
        }
        try {
            return Instant.ofEpochSecond(claims.getExpirationTime().getValue());
        } catch (MalformedClaimException e) {
            throw new IllegalStateException(e);
        }
    }

    private void requirePopAudience(JwtClaims pop) throws IssuanceRejection {
        try {
            if (pop.getAudience() == null || !pop.getAudience().contains(settings.identifier())) {
                throw new IssuanceRejection(Reason.POP_AUDIENCE, "the client attestation PoP's aud must be " + settings.identifier());
            }
        } catch (MalformedClaimException e) {
            throw new IssuanceRejection(Reason.POP_AUDIENCE, "the client attestation PoP's aud is malformed");
        }
    }

    private void requirePopIssuedAt(JwtClaims pop, Instant now) throws IssuanceRejection {
        try {
            if (pop.getIssuedAt() == null) {
                throw new IssuanceRejection(Reason.POP_ISSUED_AT, "the client attestation PoP lacks iat");
            }
            long iat = pop.getIssuedAt().getValue();
            if (iat > now.plus(settings.clockSkew()).getEpochSecond() || iat < now.minus(settings.proofMaxAge()).getEpochSecond()) {
                throw new IssuanceRejection(Reason.POP_ISSUED_AT, "the client attestation PoP's iat is outside the accepted window");
            }
        } catch (MalformedClaimException e) {
            throw new IssuanceRejection(Reason.POP_ISSUED_AT, "the client attestation PoP's iat is malformed");
        }
    }

    private static void requirePopIssuerIsWiaSubject(JwtClaims pop, String subject) throws IssuanceRejection {
        Object issuer = pop.getClaimValue("iss");
        if (issuer != null && !issuer.equals(subject)) {
            throw new IssuanceRejection(Reason.POP_ISSUER, "the client attestation PoP's iss must be the WIA's sub");
        }
    }

    private void requireUnusedJti(JwtClaims pop, String thumbprint, Instant now, Checks checks) throws IssuanceRejection {
        Object jti = pop.getClaimValue("jti");
        if (!(jti instanceof String id) || id.isBlank() || id.length() > 128) {
            throw new IssuanceRejection(Reason.POP_JTI, "the client attestation PoP needs a jti of at most 128 characters");
        }
        if (em.find(eu.wua.issuer.ClientAttestationJti.class, new ClientAttestationJti.Key(thumbprint, id)) != null) {
            throw new IssuanceRejection(Reason.POP_JTI, "the client attestation PoP's jti was used before");
        }
        if (checks.inspection()) {
            return;
        }
        try {
            em.persist(new ClientAttestationJti(thumbprint, id, now));
            em.flush(); // a racing twin, on this node or another, fails here on the primary key
        } catch (jakarta.persistence.PersistenceException e) {
            throw new IssuanceRejection(Reason.POP_JTI, "the client attestation PoP's jti was used before");
        }
    }

    private void requireNotRevoked(Optional<StatusReference> status, String walletProviderId, Instant now) throws IssuanceRejection {
        if (status.isEmpty()) {
            return;
        }
        int value;
        try {
            value = statusLists.status(status.get().uri(), status.get().index(), walletProviderId, now);
        } catch (StatusListReader.StatusUnknown e) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_STATUS_UNKNOWN, "the client attestation's status cannot be checked: "
                    + e.getMessage());
        }
        if (value != StatusListEntry.VALID) {
            throw new IssuanceRejection(Reason.CLIENT_ATTESTATION_REVOKED, "the client attestation is revoked (status " + value + ")");
        }
    }

    private static String string(JwtClaims claims, String name) {
        Object value = claims.getClaimValue(name);
        return value instanceof String text ? text : null;
    }
}
