package eu.wua.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * HTTP Basic credentials this node verified in the last {@code wua.api.verified-credential-seconds}
 * (default 60; 0 turns it off). An API client sends its password with every request, and a
 * 210,000-iteration PBKDF2 on each would cost more than the request itself (issue #18). Entries are
 * keyed by an HMAC of user name and password under a key made at start-up and never stored, so the
 * map holds nothing a password could be recovered from; only successes are kept, so a guess always
 * reaches the slow hash and the lockout. A lock or an unlock takes effect on cached callers when
 * their entry expires.
 */
@ApplicationScoped
public class VerifiedCredentials {

    private static final int MAX_ENTRIES = 10_000;

    @Inject
    @ConfigProperty(name = "wua.api.verified-credential-seconds", defaultValue = "60")
    long seconds;

    @Inject
    Clock clock;

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private SecretKeySpec key;

    private record Verified(CredentialValidationResult result, Instant until) {
    }

    @PostConstruct
    void makeKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public Optional<CredentialValidationResult> find(UsernamePasswordCredential credential) {
        if (seconds <= 0) {
            return Optional.empty();
        }
        String id = id(credential);
        Verified entry = verified.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.until())) {
            verified.remove(id, entry);
            return Optional.empty();
        }
        return Optional.of(entry.result());
    }

    public void remember(UsernamePasswordCredential credential, CredentialValidationResult result) {
        if (seconds <= 0 || result.getStatus() != CredentialValidationResult.Status.VALID) {
            return;
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear(); // more callers than any deployment has: start over rather than grow
        }
        verified.put(id(credential), new Verified(result, clock.instant().plus(Duration.ofSeconds(seconds))));
    }

    private String id(UsernamePasswordCredential credential) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(credential.getCaller().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(new String(credential.getPassword().getValue()).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
