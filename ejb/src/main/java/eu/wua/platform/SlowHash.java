package eu.wua.platform;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * The one salted slow hash for console passwords and wallet PINs: PBKDF2-HMAC-SHA256 with 210,000
 * iterations (OWASP's 2023 figure). A stored hash names its parameters, so old ones still verify.
 */
@ApplicationScoped
public class SlowHash {

    @Inject
    private Pbkdf2PasswordHash pbkdf2;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of("Pbkdf2PasswordHash.Iterations", "210000", "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256"));
    }

    public String hash(char[] secret) {
        return pbkdf2.generate(secret);
    }

    public boolean verify(char[] secret, String storedHash) {
        return pbkdf2.verify(secret, storedHash);
    }
}
