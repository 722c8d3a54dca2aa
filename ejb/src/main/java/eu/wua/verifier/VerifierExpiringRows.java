package eu.wua.verifier;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import eu.wua.platform.ExpiringRows;

/** The presentation verifier's nonces, refused once expired. */
@ApplicationScoped
public class VerifierExpiringRows implements ExpiringRows {

    @Override
    public List<ExpiryRule> rules(Instant now) {
        return List.of(new ExpiryRule("verifier nonces", "VerifierNonce", "expiresAt", now));
    }
}
