package eu.wua.issuer;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.ProviderException;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.AudValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.lang.JoseException;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.Base64Url;
import eu.wua.platform.Digests;
import eu.wua.platform.JsonLimits;
import eu.wua.platform.SignatureVerification;

/**
 * A compact JWS JWT the issuer received from a wallet or a Wallet Provider (WIA, PoP, Key
 * Attestation, proof, or one of our own SD-JWT VCs in the inspector): parsed once, then checked step
 * by step, each step failing with the reason its kind of token gives ({@link Kind}). The time and
 * audience claims are checked by jose4j's {@link JwtConsumer}, its error codes mapped to reasons.
 */
final class ReceivedJwt {

    private static final Logger LOG = Logger.getLogger(ReceivedJwt.class.getName());

    /** The algorithms a Wallet Provider may sign with (HAIP §7: ES256; the longer curves of the same family). */
    static final Set<String> WALLET_PROVIDER_ALGORITHMS = Set.of("ES256", "ES384", "ES512");

    /** What one kind of token is called in a description, and the reason each of its checks fails with. */
    record Kind(String name, Reason malformed, Reason type, Reason algorithm, Reason signature, Reason claims, Reason expired,
            Reason issuedAt, Reason audience) {

        static final Kind WIA = new Kind("the client attestation", Reason.CLIENT_ATTESTATION_MALFORMED, Reason.CLIENT_ATTESTATION_TYPE,
                Reason.CLIENT_ATTESTATION_ALGORITHM, Reason.CLIENT_ATTESTATION_SIGNATURE, Reason.CLIENT_ATTESTATION_CLAIMS,
                Reason.CLIENT_ATTESTATION_EXPIRED, Reason.CLIENT_ATTESTATION_CLAIMS, Reason.CLIENT_ATTESTATION_CLAIMS);
        static final Kind POP = new Kind("the client attestation PoP", Reason.POP_MALFORMED, Reason.POP_TYPE, Reason.POP_ALGORITHM,
                Reason.POP_SIGNATURE, Reason.POP_CLAIMS, Reason.POP_ISSUED_AT, Reason.POP_ISSUED_AT, Reason.POP_AUDIENCE);
        static final Kind KEY_ATTESTATION = new Kind("the key attestation", Reason.KEY_ATTESTATION_MALFORMED, Reason.KEY_ATTESTATION_TYPE,
                Reason.KEY_ATTESTATION_ALGORITHM, Reason.KEY_ATTESTATION_SIGNATURE, Reason.KEY_ATTESTATION_CLAIMS,
                Reason.KEY_ATTESTATION_EXPIRED, Reason.KEY_ATTESTATION_CLAIMS, Reason.KEY_ATTESTATION_CLAIMS);
        static final Kind PROOF = new Kind("the proof", Reason.PROOF_MALFORMED, Reason.PROOF_TYPE, Reason.PROOF_ALGORITHM,
                Reason.PROOF_SIGNATURE, Reason.PROOF_CLAIMS, Reason.PROOF_ISSUED_AT, Reason.PROOF_ISSUED_AT, Reason.PROOF_AUDIENCE);
        static final Kind DPOP = new Kind("the DPoP proof", Reason.DPOP_MALFORMED, Reason.DPOP_TYPE, Reason.DPOP_ALGORITHM,
                Reason.DPOP_SIGNATURE, Reason.DPOP_CLAIMS, Reason.DPOP_ISSUED_AT, Reason.DPOP_ISSUED_AT, Reason.DPOP_CLAIMS);
        static final Kind SD_JWT_VC = new Kind("the SD-JWT VC", Reason.SD_JWT_VC_MALFORMED, Reason.SD_JWT_VC_TYPE, Reason.SD_JWT_VC_MALFORMED,
                Reason.SD_JWT_VC_SIGNATURE, Reason.SD_JWT_VC_MALFORMED, Reason.SD_JWT_VC_EXPIRED, Reason.SD_JWT_VC_MALFORMED,
                Reason.SD_JWT_VC_MALFORMED);
    }

    private static final List<String> TIME_CLAIMS = List.of("exp", "iat", "nbf");
    /** 9999-12-31T23:59:59Z. */
    private static final long LATEST_TIME = 253_402_300_799L;

    private final Kind kind;
    private final String compact;
    private final JsonWebSignature jws;
    private JwtClaims claims;

    private ReceivedJwt(Kind kind, String compact, JsonWebSignature jws) {
        this.kind = kind;
        this.compact = compact;
        this.jws = jws;
    }

    /** Three base64url segments of at most {@code maxLength} characters in all, a JWS header that decodes. */
    static ReceivedJwt parse(String compact, int maxLength, Kind kind) throws IssuanceRejection {
        if (compact != null && compact.length() > maxLength) {
            throw new IssuanceRejection(kind.malformed(), kind.name() + " is longer than " + maxLength + " characters");
        }
        if (compact == null || compact.split("\\.", -1).length != 3) {
            throw new IssuanceRejection(kind.malformed(), kind.name() + " is not one compact JWT");
        }
        if (!Base64Url.isCanonicalCompact(compact)) {
            throw new IssuanceRejection(kind.malformed(), kind.name() + " is not canonical base64url (only the alphabet, no padding,"
                    + " no stray bits)");
        }
        String header = new String(Base64Url.decode(compact.substring(0, compact.indexOf('.'))), StandardCharsets.UTF_8);
        if (!JsonLimits.withinDepth(header)) {
            throw new IssuanceRejection(kind.malformed(), kind.name() + "'s header nests deeper than " + JsonLimits.MAX_DEPTH + " levels");
        }
        try {
            return new ReceivedJwt(kind, compact, (JsonWebSignature) JsonWebSignature.fromCompactSerialization(compact));
        } catch (JoseException | ClassCastException e) {
            throw new IssuanceRejection(kind.malformed(), kind.name() + " is not a well-formed JWT");
        }
    }

    String compact() {
        return compact;
    }

    /**
     * What makes this token this token: the SHA-256 of its signing input (header and payload), never
     * of its signature, so that a second valid signature over the same content (ECDSA's {@code (r, n-s)})
     * is the same object, not a new one.
     */
    String identity() {
        return Digests.sha256Hex(compact.substring(0, compact.lastIndexOf('.')));
    }

    Object header(String name) {
        return jws.getHeaders().getObjectHeaderValue(name);
    }

    String type() {
        return jws.getHeader("typ");
    }

    void requireType(String type) throws IssuanceRejection {
        requireTypeOneOf(List.of(type));
    }

    /** The {@code typ} it has, when one of {@code accepted}. */
    String requireTypeOneOf(List<String> accepted) throws IssuanceRejection {
        if (type() == null || !accepted.contains(type())) {
            throw new IssuanceRejection(kind.type(), kind.name() + " must have typ " + String.join(" or ", accepted) + ", not " + type());
        }
        return type();
    }

    /** Before any key is used: {@code none}, HMAC and every other algorithm are refused by name. */
    void requireAlgorithm(Set<String> accepted) throws IssuanceRejection {
        String algorithm = jws.getAlgorithmHeaderValue();
        // an immutable set throws on contains(null): a header without alg is refused here, not with a 500
        if (algorithm == null || !accepted.contains(algorithm)) {
            throw new IssuanceRejection(kind.algorithm(), kind.name() + " must be signed with "
                    + String.join(" or ", accepted.stream().sorted().toList()) + ", not " + algorithm);
        }
    }

    /** The {@code x5c} header; {@code chainReason} when it does not decode. */
    List<X509Certificate> x5c(Reason chainReason) throws IssuanceRejection {
        try {
            return jws.getCertificateChainHeaderValue();
        } catch (JoseException e) {
            throw new IssuanceRejection(chainReason, kind.name() + "'s x5c does not decode");
        }
    }

    void verifySignature(Key key) throws IssuanceRejection {
        try {
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    WALLET_PROVIDER_ALGORITHMS.toArray(String[]::new)));
            jws.setKey(key);
            SignatureVerification.providerContext().ifPresent(jws::setProviderContext);
            if (jws.verifySignature()) {
                return;
            }
        } catch (JoseException e) {
            // a malformed signature is the sender's fault (answered below); a provider failing on a
            // well-formed one is ours, and an operator must be able to see it
            if (e.getCause() instanceof ProviderException || e.getCause() instanceof SignatureException
                    || e.getCause() instanceof InvalidKeyException) {
                LOG.warning("ES256 verification of " + kind.name() + " failed in provider " + SignatureVerification.providerName() + ": "
                        + e.getCause());
            }
        }
        throw new IssuanceRejection(kind.signature(), "the signature of " + kind.name() + " does not verify");
    }

    /** The payload as claims: a JSON object, its time claims numbers of seconds within years 1970 to 9999, or the kind's claims reason. */
    JwtClaims claims() throws IssuanceRejection {
        if (claims == null) {
            String payload = jws.getUnverifiedPayload();
            if (!JsonLimits.withinDepth(payload)) {
                throw new IssuanceRejection(kind.claims(), kind.name() + "'s claims nest deeper than " + JsonLimits.MAX_DEPTH + " levels");
            }
            JwtClaims parsed;
            try {
                parsed = JwtClaims.parse(payload);
            } catch (InvalidJwtException | RuntimeException e) {
                throw new IssuanceRejection(kind.claims(), kind.name() + "'s claims are not a JSON object");
            }
            requireBoundedTimes(parsed);
            claims = parsed;
        }
        return claims;
    }

    /** A time far outside any attestation's life (9·10^18, 1e400, -1) is refused before any arithmetic is done with it. */
    private void requireBoundedTimes(JwtClaims parsed) throws IssuanceRejection {
        for (String name : TIME_CLAIMS) {
            Object value = parsed.getClaimValue(name);
            if (value != null && !(value instanceof Number time && time.doubleValue() >= 0 && time.doubleValue() <= LATEST_TIME)) {
                throw new IssuanceRejection("iat".equals(name) ? kind.issuedAt() : kind.claims(), kind.name() + "'s " + name
                        + " is not a time between 1970 and 9999 in seconds");
            }
        }
    }

    /** A {@link JwtConsumer} for the claims alone: the signature was verified by its own step. */
    static JwtConsumerBuilder claimRules(Instant now) {
        return new JwtConsumerBuilder().setSkipSignatureVerification().setDisableRequireSignature()
                .setEvaluationTime(NumericDate.fromMilliseconds(now.toEpochMilli()));
    }

    /** The most characters a {@code jti} of a PoP or DPoP proof may have (its column's width). */
    static final int MAX_JTI_LENGTH = 128;

    /** The {@code jti} single use is keyed on: present, at most {@link #MAX_JTI_LENGTH} printable characters; {@code what} names the token. */
    static String requireJti(JwtClaims claims, Reason reason, String what) throws IssuanceRejection {
        if (!(claims.getClaimValue("jti") instanceof String jti) || jti.isBlank() || jti.length() > MAX_JTI_LENGTH || !JsonLimits.printable(jti)) {
            throw new IssuanceRejection(reason, what + " needs a jti of at most " + MAX_JTI_LENGTH + " characters, none of them a control character");
        }
        return jti;
    }

    /** {@code exp} required and not passed (within {@code skew}); no audience expected. */
    void requireNotExpired(Instant now, Duration skew) throws IssuanceRejection {
        validate(claimRules(now).setRequireExpirationTime().setAllowedClockSkewInSeconds(Math.toIntExact(skew.toSeconds()))
                .setSkipDefaultAudienceValidation().build(), "exp");
    }

    /** {@code iat} required, at most {@code skew} ahead and at most {@code maxAge} old. */
    void requireRecentIssuedAt(Instant now, Duration skew, Duration maxAge) throws IssuanceRejection {
        validate(claimRules(now).setRequireIssuedAt().setIssuedAtRestrictions(Math.toIntExact(skew.toSeconds()),
                Math.toIntExact(maxAge.toSeconds())).setSkipDefaultAudienceValidation().build(), "iat");
    }

    /**
     * When {@code iat} is there: at most {@code skew} ahead, and at most {@code maxAge} old, or
     * {@code stale} (ABCA-07 §6.2 use_fresh_attestation) with {@code advice}.
     */
    void requireNotStale(Instant now, Duration skew, Duration maxAge, Reason stale, String advice) throws IssuanceRejection {
        try {
            claimRules(now).setIssuedAtRestrictions(Math.toIntExact(skew.toSeconds()), Math.toIntExact(maxAge.toSeconds()))
                    .setSkipDefaultAudienceValidation().build().processContext(new JwtContext(compact, claims(), List.of(jws)));
        } catch (InvalidJwtException e) {
            if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)) {
                throw new IssuanceRejection(stale, kind.name() + " is older than " + maxAge + "; " + advice);
            }
            throw rejection(e, "iat");
        }
    }

    /** {@code aud} present and naming {@code audience}. */
    void requireAudience(String audience) throws IssuanceRejection {
        validate(new JwtConsumerBuilder().setSkipSignatureVerification().setDisableRequireSignature().setSkipAllDefaultValidators()
                .registerValidator(new AudValidator(Set.of(audience), true)).build(), "aud");
    }

    private void validate(JwtConsumer consumer, String claim) throws IssuanceRejection {
        try {
            consumer.processContext(new JwtContext(compact, claims(), List.of(jws)));
        } catch (InvalidJwtException e) {
            throw rejection(e, claim);
        }
    }

    private IssuanceRejection rejection(InvalidJwtException e, String claim) {
        if (e.hasErrorCode(ErrorCodes.EXPIRED)) {
            return new IssuanceRejection(kind.expired(), kind.name() + " has expired");
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return new IssuanceRejection(kind.issuedAt(), kind.name() + "'s iat lies in the future");
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)) {
            return new IssuanceRejection(kind.issuedAt(), kind.name() + "'s iat is too old");
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)) {
            return new IssuanceRejection(kind.issuedAt(), kind.name() + " lacks iat");
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING) || e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)) {
            return new IssuanceRejection(kind.audience(), kind.name() + "'s aud must be this credential issuer");
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return new IssuanceRejection(kind.claims(), kind.name() + " lacks exp");
        }
        Reason reason = "iat".equals(claim) ? kind.issuedAt() : "aud".equals(claim) ? kind.audience() : kind.claims();
        return new IssuanceRejection(reason, kind.name() + "'s " + claim + " is malformed");
    }
}
