package eu.wua.issuer;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.Digests;

/**
 * Makes the access tokens of every grant: 32 random bytes, kept as their SHA-256, bound to the
 * wallet instance key of the client attestation and to the DPoP key (none for a Bearer token), and
 * audited with the grant they came from. Runs in the grant's transaction.
 */
@Stateless
public class AccessTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private IssuerSettings settings;

    @Inject
    private AuditTrail audit;

    /** A token as the token endpoint answers it ({@code tokenType} {@code DPoP} or {@code Bearer}, RFC 9449 §5). */
    public record Minted(String accessToken, String tokenType, long expiresIn) {
    }

    /** Where the token comes from: its grant type, and for the authorization code grant the code and credential identifier. */
    public record Grant(String grantType, String authorizationCodeHash, String credentialIdentifier) {

        static final String AUTHORIZATION_CODE = CredentialOffer.AUTHORIZATION_CODE_GRANT;
        static final String REFRESH_TOKEN = "refresh_token";

        static Grant preAuthorized() {
            return new Grant(CredentialOffer.PRE_AUTHORIZED_GRANT, null, null);
        }
    }

    public Minted mint(CredentialOffer offer, ClientAttestationVerifier.AttestedClient client, String dpopJkt, Grant grant, Instant now) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String accessToken = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = now.plus(settings.accessTokenLifetime());
        em.persist(new AccessToken(Digests.sha256Hex(accessToken), offer, new AccessToken.Client(client.walletProviderId(), client.thumbprint(),
                client.status().orElse(null), client.statusMaintainedUntil()), dpopJkt, now, expiresAt)
                .fromAuthorizationCode(grant.authorizationCodeHash(), grant.credentialIdentifier()));
        String tokenType = dpopJkt != null ? "DPoP" : "Bearer";
        Map<String, String> details = new HashMap<>(Map.of("wallet_provider", client.walletProviderId(), "client_id", String.valueOf(client.subject()),
                "credential_configuration_id", offer.getCredentialConfigurationId(), "expires_at", expiresAt.toString(),
                "token_id", UUID.nameUUIDFromBytes(secret).toString(), "token_type", tokenType, "grant_type", grant.grantType()));
        audit.record("wallet:" + client.thumbprint(), "token.issued", offer.getId(), details);
        return new Minted(accessToken, tokenType, settings.accessTokenLifetime().toSeconds());
    }
}
