package eu.wua.walletprovider;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import eu.wua.platform.Base64Url;
import eu.wua.platform.JsonLimits;
import eu.wua.platform.SignatureVerification;
import eu.wua.walletprovider.WalletProviderRejection.Reason;

/**
 * Checks an instance proof ({@code wallet-instance-proof+jwt}, platform-api.md) as far as the token
 * itself goes: type, ES256 only, signature by the instance key, audience, {@code iat} within 60 s,
 * a {@code jti} and a {@code nonce}. Single use of the nonce and the jti is the database's
 * (see {@link InstanceProofs}).
 */
public final class InstanceProofVerifier {

    public static final String TYPE = "wallet-instance-proof+jwt";
    static final int IAT_WINDOW_SECONDS = 60;
    static final int MAX_PROOF_LENGTH = 8 * 1024;

    private final String audience;

    public InstanceProofVerifier(String walletProviderIdentifier) {
        this.audience = walletProviderIdentifier;
    }

    public InstanceProof verify(String compact, PublicKey instanceKey, Instant now) throws WalletProviderRejection {
        requireWellFormed(compact);
        requireEs256(compact);
        JwtClaims claims = requireValidToken(compact, instanceKey, now);
        return new InstanceProof(claim(claims, "jti"), requireNonce(claims), issuedAt(claims));
    }

    private static void requireWellFormed(String compact) throws WalletProviderRejection {
        if (compact == null || compact.isBlank()) {
            throw new WalletProviderRejection(Reason.PROOF_MALFORMED, "the request carries no proof");
        }
        if (compact.length() > MAX_PROOF_LENGTH || compact.chars().filter(c -> c == '.').count() != 2) {
            throw new WalletProviderRejection(Reason.PROOF_MALFORMED, "the proof is not a compact JWS");
        }
        if (!Base64Url.isCanonicalCompact(compact)) {
            throw new WalletProviderRejection(Reason.PROOF_MALFORMED, "the proof is not canonical base64url");
        }
        String[] segments = compact.split("\\.", -1);
        if (!JsonLimits.withinDepth(new String(Base64Url.decode(segments[0]), StandardCharsets.UTF_8))
                || !JsonLimits.withinDepth(new String(Base64Url.decode(segments[1]), StandardCharsets.UTF_8))) {
            throw new WalletProviderRejection(Reason.PROOF_MALFORMED, "the proof nests deeper than " + JsonLimits.MAX_DEPTH + " levels");
        }
    }

    /** Before any key is used: {@code none}, HMAC and every other algorithm are refused by name. */
    private static void requireEs256(String compact) throws WalletProviderRejection {
        String algorithm;
        try {
            algorithm = JsonWebStructure.fromCompactSerialization(compact).getAlgorithmHeaderValue();
        } catch (JoseException e) {
            throw new WalletProviderRejection(Reason.PROOF_MALFORMED, "the proof's header cannot be read");
        }
        if (!AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256.equals(algorithm)) {
            throw new WalletProviderRejection(Reason.PROOF_ALGORITHM, "the proof must be signed with ES256, not " + algorithm);
        }
    }

    private JwtClaims requireValidToken(String compact, PublicKey instanceKey, Instant now) throws WalletProviderRejection {
        JwtConsumer consumer = SignatureVerification.nativeConsumer()
                .setExpectedType(true, TYPE)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKey(instanceKey)
                .setExpectedAudience(audience)
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(IAT_WINDOW_SECONDS, IAT_WINDOW_SECONDS)
                .setRequireJwtId()
                .setEvaluationTime(NumericDate.fromMilliseconds(now.toEpochMilli()))
                .build();
        try {
            return consumer.processToClaims(compact);
        } catch (InvalidJwtException e) {
            throw rejection(e);
        }
    }

    private static WalletProviderRejection rejection(InvalidJwtException e) {
        if (e.hasErrorCode(ErrorCodes.TYPE_INVALID) || e.hasErrorCode(ErrorCodes.TYPE_MISSING)) {
            return new WalletProviderRejection(Reason.PROOF_TYPE, "the proof's typ must be " + TYPE);
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return new WalletProviderRejection(Reason.PROOF_SIGNATURE, "the proof is not signed by this instance's key");
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return new WalletProviderRejection(Reason.PROOF_AUDIENCE, "the proof's aud is not this Wallet Provider");
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)
                || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return new WalletProviderRejection(Reason.PROOF_ISSUED_AT,
                    "the proof's iat must be within " + IAT_WINDOW_SECONDS + " s of now");
        }
        if (e.hasErrorCode(ErrorCodes.JWT_ID_MISSING)) {
            return new WalletProviderRejection(Reason.PROOF_JTI_MISSING, "the proof has no jti");
        }
        return new WalletProviderRejection(Reason.PROOF_MALFORMED, "the proof cannot be read as a signed JWT");
    }

    private static String requireNonce(JwtClaims claims) throws WalletProviderRejection {
        String nonce = claim(claims, "nonce");
        if (nonce == null || nonce.isBlank()) {
            throw new WalletProviderRejection(Reason.PROOF_NONCE_UNKNOWN_USED_OR_EXPIRED,
                    "the proof has no nonce (POST /wallet-provider/v1/nonce gives one)");
        }
        return nonce;
    }

    private static String claim(JwtClaims claims, String name) throws WalletProviderRejection {
        String value;
        try {
            value = claims.getStringClaimValue(name);
        } catch (MalformedClaimException e) {
            throw new WalletProviderRejection(Reason.PROOF_MALFORMED, "the proof's " + name + " is not a string");
        }
        if (value != null && !JsonLimits.printable(value)) {
            throw new WalletProviderRejection(Reason.PROOF_MALFORMED, "the proof's " + name + " holds a control character");
        }
        return value;
    }

    private static Instant issuedAt(JwtClaims claims) throws WalletProviderRejection {
        try {
            return Instant.ofEpochSecond(claims.getIssuedAt().getValue());
        } catch (MalformedClaimException e) {
            throw new WalletProviderRejection(Reason.PROOF_MALFORMED, "the proof's iat is not a number");
        }
    }
}
