package eu.wua.issuer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import eu.wua.platform.ExpiringRows;

/**
 * The issuer's single-use rows. A c_nonce or a DPoP server nonce is refused once expired. A PoP's or
 * DPoP proof's jti could only be replayed while the proof's {@code iat} is recent: a proof used at t
 * has an iat at most the clock skew ahead of t and is refused a proof-max-age after its iat, so its
 * jti is needed until t + proof-max-age + skew (kept another skew on top). Used Key Attestations stay, as the credentials
 * issued on them refer to them.
 */
@ApplicationScoped
public class IssuerExpiringRows implements ExpiringRows {

    @Inject
    VerificationSettings settings;

    @Override
    public List<ExpiryRule> rules(Instant now) {
        Duration skew = settings.clockSkew();
        Instant proofsRefused = now.minus(settings.proofMaxAge()).minus(skew).minus(skew);
        return List.of(new ExpiryRule("issuer c_nonces", "IssuerNonce", "expiresAt", now),
                new ExpiryRule("DPoP server nonces", "DpopNonce", "expiresAt", now),
                new ExpiryRule("client attestation PoP jtis", "ClientAttestationJti", "usedAt", proofsRefused),
                new ExpiryRule("DPoP proof jtis", "DpopProofJti", "usedAt", proofsRefused));
    }
}
