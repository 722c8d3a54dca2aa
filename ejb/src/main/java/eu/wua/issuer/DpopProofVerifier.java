package eu.wua.issuer;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.Digests;
import eu.wua.platform.EcPublicKeys;
import eu.wua.platform.JsonLimits;

/**
 * A DPoP proof (RFC 9449 §4.3), step by step: one compact JWS, {@code typ: dpop+jwt}, an ECDSA
 * {@code alg}, a public P-256 {@code jwk} that signed it, {@code htm} and {@code htu} of this
 * request, a recent {@code iat}, a server nonce when the issuer asks for them, {@code ath} at the
 * credential endpoint, and a {@code jti} never used before with that key. Answers the key's RFC
 * 7638 thumbprint, which a token is bound to.
 */
@Dependent
public class DpopProofVerifier {

    public static final String TYPE = "dpop+jwt";
    public static final Set<String> ALGORITHMS = Set.of("ES256");
    static final int MAX_LENGTH = 8 * 1024;

    private final SingleUse singleUse;
    private final VerificationSettings settings;

    @Inject
    public DpopProofVerifier(SingleUse singleUse, VerificationSettings settings) {
        this.singleUse = singleUse;
        this.settings = settings;
    }

    /** What a proof is checked against: the request's method and URI, and at a resource the access token. */
    public record Request(String method, String uri, Optional<String> accessToken) {
    }

    /** The thumbprint of the key that signed a valid proof for {@code request}; the proof's jti is used up. */
    public String verify(String proof, Request request, Instant now) throws IssuanceRejection {
        ReceivedJwt jwt = requirePresent(proof);
        jwt.requireType(TYPE);
        jwt.requireAlgorithm(ALGORITHMS);
        PublicJsonWebKey key = requirePublicKey(jwt.header("jwk"));
        jwt.verifySignature(key.getPublicKey());
        JwtClaims claims = jwt.claims();
        requireMethod(claims, request.method());
        requireUri(claims, request.uri());
        jwt.requireRecentIssuedAt(now, settings.clockSkew(), settings.proofMaxAge());
        requireNonce(claims, now);
        if (request.accessToken().isPresent()) {
            requireAccessTokenHash(claims, request.accessToken().get());
        }
        String thumbprint = key.calculateBase64urlEncodedThumbprint("SHA-256");
        requireUnusedJti(claims, thumbprint, now);
        return thumbprint;
    }

    private static ReceivedJwt requirePresent(String proof) throws IssuanceRejection {
        if (proof == null || proof.isBlank()) {
            throw new IssuanceRejection(Reason.DPOP_REQUIRED, "send a DPoP proof in the DPoP header (RFC 9449)");
        }
        return ReceivedJwt.parse(proof.strip(), MAX_LENGTH, ReceivedJwt.Kind.DPOP);
    }

    /** RFC 9449 §4.2: the public key, and nothing private; P-256 like every key the issuer reads. */
    static PublicJsonWebKey requirePublicKey(Object jwk) throws IssuanceRejection {
        if (!(jwk instanceof Map<?, ?> map)) {
            throw new IssuanceRejection(Reason.DPOP_KEY, "the DPoP proof's header has no jwk");
        }
        if (map.containsKey("d") || map.containsKey("p") || map.containsKey("q") || map.containsKey("k")) {
            throw new IssuanceRejection(Reason.DPOP_KEY, "the DPoP proof's jwk carries private key material");
        }
        try {
            return EcPublicKeys.requireP256(map);
        } catch (EcPublicKeys.NotAKey e) {
            throw new IssuanceRejection(Reason.DPOP_KEY, "the DPoP proof's jwk is refused: " + e.getMessage());
        }
    }

    static void requireMethod(JwtClaims claims, String method) throws IssuanceRejection {
        if (!(claims.getClaimValue("htm") instanceof String htm) || !htm.equals(method)) {
            throw new IssuanceRejection(Reason.DPOP_METHOD, "the DPoP proof's htm must be " + method);
        }
    }

    /** RFC 9449 §4.3: the URI without query and fragment, compared after scheme and host are lower-cased. */
    static void requireUri(JwtClaims claims, String uri) throws IssuanceRejection {
        if (!(claims.getClaimValue("htu") instanceof String htu) || normalized(htu).isEmpty() || !normalized(htu).equals(normalized(uri))) {
            throw new IssuanceRejection(Reason.DPOP_URI, "the DPoP proof's htu must be " + uri);
        }
    }

    private static Optional<String> normalized(String uri) {
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null || parsed.getHost() == null) {
                return Optional.empty();
            }
            int port = parsed.getPort() == -1 ? ("https".equalsIgnoreCase(parsed.getScheme()) ? 443 : 80) : parsed.getPort();
            return Optional.of(parsed.getScheme().toLowerCase(Locale.ROOT) + "://" + parsed.getHost().toLowerCase(Locale.ROOT) + ":" + port
                    + (parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private void requireNonce(JwtClaims claims, Instant now) throws IssuanceRejection {
        if (!settings.dpopNonceRequired()) {
            return;
        }
        if (!(claims.getClaimValue("nonce") instanceof String nonce) || !JsonLimits.printable(nonce)
                || !singleUse.isLiveDpopNonce(nonce, now)) {
            throw new IssuanceRejection(Reason.DPOP_NONCE, "the DPoP proof needs the nonce of the DPoP-Nonce header");
        }
    }

    static void requireAccessTokenHash(JwtClaims claims, String accessToken) throws IssuanceRejection {
        if (!(claims.getClaimValue("ath") instanceof String ath) || !ath.equals(accessTokenHash(accessToken))) {
            throw new IssuanceRejection(Reason.DPOP_ACCESS_TOKEN_HASH, "the DPoP proof's ath must be the base64url SHA-256 of the access token");
        }
    }

    /** RFC 9449 §4.2: {@code ath}. */
    static String accessTokenHash(String accessToken) {
        return Digests.sha256Base64Url(accessToken);
    }

    private void requireUnusedJti(JwtClaims claims, String thumbprint, Instant now) throws IssuanceRejection {
        String jti = ReceivedJwt.requireJti(claims, Reason.DPOP_JTI, "the DPoP proof");
        if (!singleUse.useDpopJti(thumbprint, jti, now)) {
            throw new IssuanceRejection(Reason.DPOP_JTI, "the DPoP proof's jti was used before: make a new proof for every request");
        }
    }
}
