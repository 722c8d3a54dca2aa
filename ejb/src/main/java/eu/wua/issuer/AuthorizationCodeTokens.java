package eu.wua.issuer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.Digests;

/**
 * The token endpoint's authorization code grant (RFC 6749 §4.1.3, RFC 7636 §4.6, HAIP §4) and
 * refresh token grant (RFC 6749 §6): the client attestation first, then the code (single use,
 * unexpired, of this client, for this redirect URI and PKCE verifier) or the refresh token (single
 * use, rotated, within the horizon of the authorization), then the DPoP proof, by the key the
 * code or refresh token is bound to. These grants always give DPoP-bound tokens (HAIP §4.3).
 */
@Stateless
public class AuthorizationCodeTokens {

    // RFC 7636 §4.1: 43 to 128 unreserved characters
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private ClientAttestationVerifier clientAttestations;

    @Inject
    private DpopProofVerifier dpopProofs;

    @Inject
    private AccessTokens accessTokens;

    @Inject
    private AuthorizationCodeReplays replays;

    @Inject
    private IssuerSettings settings;

    @Inject
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /** The token response's fields beyond the access token: the refresh token and, where asked for, authorization_details. */
    public record Tokens(AccessTokens.Minted access, String refreshToken, Optional<String> credentialConfigurationId,
            Optional<String> authorizationDetails) {
    }

    public Tokens exchange(TokenRequest.AuthorizationCode request, String wia, String pop, String dpopProof) throws IssuanceRejection {
        Instant now = clock.instant();
        ClientAttestationVerifier.AttestedClient client = clientAttestations.verify(wia, pop, now);
        AuthorizationCode code = em.find(AuthorizationCode.class, Digests.sha256Hex(request.code()));
        if (code != null && code.getRedeemedAt() != null) {
            replays.revokeTokensOf(code);
        }
        requireRedeemable(code, now);
        requireSameClient(code.getClientId(), code.getInstanceKeyThumbprint(), client);
        requireSameRedirectUri(code, request.redirectUri());
        requireVerifierOfChallenge(request.codeVerifier(), code.getCodeChallenge());
        String dpopJkt = requireDpopKey(dpopProof, Optional.ofNullable(code.getDpopJkt()), now);
        // of racers with one code, on any node, exactly one changes the row; the others revoke what it got
        int redeemed = em.createQuery("UPDATE AuthorizationCode c SET c.redeemedAt = :now WHERE c.codeHash = :hash AND c.redeemedAt IS NULL")
                .setParameter("now", now).setParameter("hash", code.getCodeHash()).executeUpdate();
        if (redeemed != 1) {
            replays.revokeTokensOf(code);
            throw new IssuanceRejection(Reason.GRANT_USED, "the authorization code was used already; the tokens issued from it are revoked");
        }
        CredentialOffer offer = em.find(CredentialOffer.class, code.getOfferId());
        Instant horizon = offer.getRedeemedAt().plus(settings.refreshHorizon());
        return tokens(offer, client, dpopJkt, new RefreshToken.Grant(offer.getId(), offer.getCredentialConfigurationId(), code.getClientId(),
                client.walletProviderId(), client.thumbprint(), dpopJkt, code.getCodeHash(), code.getAuthorizationDetails(), horizon), AccessTokens.Grant.AUTHORIZATION_CODE, now);
    }

    public Tokens refresh(TokenRequest.Refresh request, String wia, String pop, String dpopProof) throws IssuanceRejection {
        Instant now = clock.instant();
        ClientAttestationVerifier.AttestedClient client = clientAttestations.verify(wia, pop, now);
        RefreshToken token = requireUsableRefreshToken(em.find(RefreshToken.class, Digests.sha256Hex(request.refreshToken())), now);
        RefreshToken.Grant grant = token.grant();
        requireSameClient(grant.clientId(), grant.instanceKeyThumbprint(), client);
        String dpopJkt = requireDpopKey(dpopProof, Optional.of(grant.dpopJkt()), now);
        int used = em.createQuery("UPDATE RefreshToken t SET t.usedAt = :now WHERE t.tokenHash = :hash AND t.usedAt IS NULL")
                .setParameter("now", now).setParameter("hash", token.getTokenHash()).executeUpdate();
        if (used != 1) {
            throw new IssuanceRejection(Reason.GRANT_USED, "the refresh token was used already");
        }
        CredentialOffer offer = em.find(CredentialOffer.class, grant.offerId());
        return tokens(offer, client, dpopJkt, grant, AccessTokens.Grant.REFRESH_TOKEN, now);
    }

    private Tokens tokens(CredentialOffer offer, ClientAttestationVerifier.AttestedClient client, String dpopJkt, RefreshToken.Grant grant,
            String grantType, Instant now) {
        Optional<String> identifier = Optional.ofNullable(grant.authorizationDetails()).map(details -> offer.getCredentialConfigurationId());
        AccessTokens.Minted access = accessTokens.mint(offer, client, dpopJkt, new AccessTokens.Grant(grantType, grant.authorizationCodeHash(),
                identifier.orElse(null)), now);
        String refreshToken = BearerSecrets.next();
        Instant refreshExpiresAt = earlier(now.plus(settings.refreshTokenLifetime()), grant.horizonEndsAt());
        em.persist(new RefreshToken(Digests.sha256Hex(refreshToken), grant, now, refreshExpiresAt));
        audit.record("wallet:" + client.thumbprint(), "refresh_token.issued", offer.getId(), Map.of("client_id", grant.clientId(),
                "expires_at", refreshExpiresAt.toString(), "horizon_ends_at", grant.horizonEndsAt().toString()));
        return new Tokens(access, refreshToken, identifier, Optional.ofNullable(grant.authorizationDetails()));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** RFC 6749 §4.1.2: a code of ours, not redeemed, unexpired ({@code null} when not found). */
    static AuthorizationCode requireRedeemable(AuthorizationCode code, Instant now) throws IssuanceRejection {
        if (code == null) {
            throw new IssuanceRejection(Reason.GRANT_UNKNOWN, "the authorization code is not known");
        }
        if (code.getRedeemedAt() != null) {
            throw new IssuanceRejection(Reason.GRANT_USED, "the authorization code was used already; the tokens issued from it are revoked");
        }
        if (!now.isBefore(code.getExpiresAt())) {
            throw new IssuanceRejection(Reason.GRANT_EXPIRED, "the authorization code expired at " + code.getExpiresAt());
        }
        return code;
    }

    /**
     * RFC 6749 §4.1.3: the code (or refresh token) was issued to this client. A provider's instances share one client_id (the
     * WIA sub), so the grant is also bound to the instance key of the attestation it was asked with.
     */
    static void requireSameClient(String grantedTo, String instanceKeyThumbprint, ClientAttestationVerifier.AttestedClient client)
            throws IssuanceRejection {
        if (!grantedTo.equals(client.subject()) || !instanceKeyThumbprint.equals(client.thumbprint())) {
            throw new IssuanceRejection(Reason.CODE_OTHER_CLIENT, "the grant was issued to another wallet instance than the client attestation's");
        }
    }

    /** RFC 6749 §4.1.3: redirect_uri identical to the authorization request's. */
    static void requireSameRedirectUri(AuthorizationCode code, String redirectUri) throws IssuanceRejection {
        if (!code.getRedirectUri().equals(redirectUri)) {
            throw new IssuanceRejection(Reason.REDIRECT_URI_MISMATCH, "redirect_uri differs from the one of the authorization request");
        }
    }

    /** RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge. */
    static void requireVerifierOfChallenge(String verifier, String challenge) throws IssuanceRejection {
        if (!VERIFIER.matcher(verifier).matches()) {
            throw new IssuanceRejection(Reason.CODE_VERIFIER_WRONG, "code_verifier must be 43 to 128 unreserved characters (RFC 7636 §4.1)");
        }
        String computed = Digests.sha256Base64Url(verifier);
        if (!MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII))) {
            throw new IssuanceRejection(Reason.CODE_VERIFIER_WRONG, "code_verifier does not match the code_challenge");
        }
    }

    /** A refresh token of ours, unused, unexpired, and within its authorization's horizon ({@code null} when not found). */
    static RefreshToken requireUsableRefreshToken(RefreshToken token, Instant now) throws IssuanceRejection {
        if (token == null) {
            throw new IssuanceRejection(Reason.GRANT_UNKNOWN, "the refresh token is not known");
        }
        if (token.getUsedAt() != null) {
            throw new IssuanceRejection(Reason.GRANT_USED, "the refresh token was used already");
        }
        if (!now.isBefore(token.grant().horizonEndsAt())) {
            throw new IssuanceRejection(Reason.REFRESH_HORIZON_PASSED, "the authorization is older than the refresh horizon: authenticate again");
        }
        if (!now.isBefore(token.getExpiresAt())) {
            throw new IssuanceRejection(Reason.GRANT_EXPIRED, "the refresh token expired at " + token.getExpiresAt());
        }
        return token;
    }

    /** HAIP §4.3: a DPoP proof always; by the key the grant is bound to, when it is. */
    private String requireDpopKey(String proof, Optional<String> boundTo, Instant now) throws IssuanceRejection {
        if (proof == null || proof.isBlank()) {
            throw new IssuanceRejection(Reason.DPOP_REQUIRED, "send a DPoP proof in the DPoP header: this grant gives DPoP-bound tokens only");
        }
        String key = dpopProofs.verify(proof, new DpopProofVerifier.Request("POST", settings.endpoint("token"), Optional.empty()), now);
        requireBoundKey(boundTo, key);
        return key;
    }

    static void requireBoundKey(Optional<String> boundTo, String proofKey) throws IssuanceRejection {
        if (boundTo.isPresent() && !boundTo.get().equals(proofKey)) {
            throw new IssuanceRejection(Reason.DPOP_OTHER_KEY, "the DPoP proof is signed by another key than the one the grant is bound to");
        }
    }
}
