package eu.wua.issuer;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.Digests;
import eu.wua.platform.SlowHash;

/**
 * The token endpoint's pre-authorized code grant (VCI §6): the client attestation first, then the
 * code (single use, unexpired) and its tx_code (limited guesses), then the DPoP proof the token is
 * bound to (RFC 9449; a Bearer token only where {@code wua.issuer.bearer-tokens-allowed}). The
 * access token is kept as a hash, bound to the wallet instance key and the DPoP key, and carrying
 * the WIA's status reference.
 */
@Stateless
public class PreAuthorizedTokens {

    static final int MAX_TX_CODE_LENGTH = 64;

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private ClientAttestationVerifier clientAttestations;

    @Inject
    private TxCodeAttempts txCodeAttempts;

    @Inject
    private DpopProofVerifier dpopProofs;

    @Inject
    private SlowHash slowHash;

    @Inject
    private IssuerSettings settings;

    @Inject
    private AccessTokens accessTokens;

    @Inject
    private Clock clock;

    public AccessTokens.Minted exchange(TokenRequest.PreAuthorizedCode request, String wia, String pop, String dpopProof)
            throws IssuanceRejection {
        Instant now = clock.instant();
        ClientAttestationVerifier.AttestedClient client = clientAttestations.verify(wia, pop, now);
        // the proof before the code: a request refused for its DPoP nonce (every wallet's first) must not spend a tx_code attempt
        Optional<String> dpopKey = dpopBinding(dpopProof, now);
        CredentialOffer offer = redeem(request, now);
        return accessTokens.mint(offer, client, dpopKey.orElse(null), AccessTokens.Grant.preAuthorized(), now);
    }

    /** The DPoP key's thumbprint the token is bound to; none only where Bearer tokens are allowed. */
    private Optional<String> dpopBinding(String proof, Instant now) throws IssuanceRejection {
        if (proof == null || proof.isBlank()) {
            requireBearerAllowed(settings.bearerTokensAllowed());
            return Optional.empty();
        }
        return Optional.of(dpopProofs.verify(proof, new DpopProofVerifier.Request("POST", settings.endpoint("token"), Optional.empty()), now));
    }

    static void requireBearerAllowed(boolean allowed) throws IssuanceRejection {
        if (!allowed) {
            throw new IssuanceRejection(Reason.DPOP_REQUIRED, "send a DPoP proof in the DPoP header: this issuer binds every access token"
                    + " to a DPoP key (RFC 9449, HAIP)");
        }
    }

    private CredentialOffer redeem(TokenRequest.PreAuthorizedCode request, Instant now) throws IssuanceRejection {
        CredentialOffer offer = requireRedeemable(em.createQuery("SELECT o FROM CredentialOffer o WHERE o.preAuthorizedCodeHash = :hash",
                CredentialOffer.class).setParameter("hash", Digests.sha256Hex(request.preAuthorizedCode())).getResultStream().findFirst(),
                now, settings.maxTxCodeFailures());
        String txCode = requireTxCode(request);
        int attempt = txCodeAttempts.reserve(offer.getId(), settings.maxTxCodeFailures()).orElseThrow(() -> new IssuanceRejection(
                Reason.GRANT_USED, "the pre-authorized code is void after too many wrong tx_codes"));
        requireMatchingTxCode(txCode, candidate -> slowHash.verify(candidate, offer.getTxCodeHash()), attempt, settings.maxTxCodeFailures());
        // of two requests racing with one code, on any node, exactly one changes the row
        int redeemed = em.createQuery("UPDATE CredentialOffer o SET o.redeemedAt = :now WHERE o.id = :id AND o.redeemedAt IS NULL")
                .setParameter("now", now).setParameter("id", offer.getId()).executeUpdate();
        if (redeemed != 1) {
            throw new IssuanceRejection(Reason.GRANT_USED, "the pre-authorized code was used already");
        }
        return offer;
    }

    /** VCI §6.1: the code names an offer that is unexpired, not redeemed and not void after too many wrong tx_codes. */
    static CredentialOffer requireRedeemable(Optional<CredentialOffer> found, Instant now, int maxTxCodeFailures) throws IssuanceRejection {
        CredentialOffer offer = found.orElseThrow(() -> new IssuanceRejection(Reason.GRANT_UNKNOWN, "the pre-authorized code is not known"));
        if (offer.getRedeemedAt() != null) {
            throw new IssuanceRejection(Reason.GRANT_USED, "the pre-authorized code was used already");
        }
        if (!now.isBefore(offer.getExpiresAt())) {
            throw new IssuanceRejection(Reason.GRANT_EXPIRED, "the pre-authorized code expired at " + offer.getExpiresAt());
        }
        if (offer.getTxCodeFailures() >= maxTxCodeFailures) {
            throw new IssuanceRejection(Reason.GRANT_USED, "the pre-authorized code is void after too many wrong tx_codes");
        }
        return offer;
    }

    /** Every offer of this issuer has a tx_code (VCI §4.1.1). */
    static String requireTxCode(TokenRequest.PreAuthorizedCode request) throws IssuanceRejection {
        return request.txCode().orElseThrow(() -> new IssuanceRejection(Reason.TX_CODE_MISSING, "the offer has a tx_code: send it as tx_code"));
    }

    /** A wrong tx_code (counted as attempt {@code attempt} before it was checked) says how many tries are left. */
    static void requireMatchingTxCode(String txCode, Predicate<char[]> matches, int attempt, int maxTxCodeFailures) throws IssuanceRejection {
        if (txCode.length() > MAX_TX_CODE_LENGTH || !matches.test(txCode.toCharArray())) {
            int left = Math.max(0, maxTxCodeFailures - attempt);
            throw new IssuanceRejection(Reason.TX_CODE_WRONG, "the tx_code is wrong; " + left + (left == 1 ? " try" : " tries") + " left");
        }
    }
}
