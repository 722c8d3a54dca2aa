package eu.wua.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import eu.wua.platform.JsonLimits;
import eu.wua.platform.SlowHash;

/** Checks console sign-ins against the stored hashes, counting failures and locking accounts. */
@Stateless
public class ConsoleAccounts {

    /** Verified against when the user does not exist, so that unknown users take as long as known ones. */
    private static final String ABSENT_USER_HASH =
            "PBKDF2WithHmacSHA256:210000:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private SlowHash passwordHash;

    @Inject
    private eu.wua.audit.AuditTrail audit;

    @Inject
    @ConfigProperty(name = "wua.console.max-failed-logins", defaultValue = "5")
    int maxFailedLogins;

    @Inject
    @ConfigProperty(name = "wua.console.lockout-minutes", defaultValue = "15")
    int lockoutMinutes;

    @Inject
    private Clock clock;

    /** Commits the failure count even though the sign-in is refused. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public SignInResult signIn(String username, char[] password) {
        Instant now = clock.instant();
        ConsoleUser user = lockedUser(username);
        if (user == null) {
            passwordHash.verify(password, ABSENT_USER_HASH);
            // the name typed is not kept: it may be a password typed in the wrong field
            audit.recordRejection("anonymous", "console.sign_in", null, java.util.Map.of("reason", "unknown user"));
            return new SignInResult.Refused();
        }
        if (user.isLockedAt(now)) {
            audit.recordRejection("anonymous", "console.sign_in", username, java.util.Map.of("reason", "account locked"));
            return new SignInResult.Locked();
        }
        if (!passwordHash.verify(password, user.getPasswordHash())) {
            user.recordFailedLogin(maxFailedLogins, now.plus(Duration.ofMinutes(lockoutMinutes)));
            boolean locked = user.isLockedAt(now);
            audit.recordRejection("anonymous", "console.sign_in", username, java.util.Map.of("reason", "wrong password",
                    "failed_in_a_row", String.valueOf(user.getFailedLogins()), "locked", String.valueOf(locked)));
            return locked ? new SignInResult.Locked() : new SignInResult.Refused();
        }
        user.recordSuccessfulLogin();
        return new SignInResult.SignedIn(user.getUsername(), user.getRoles());
    }

    /** A console session began (the form sign-in; API requests with HTTP Basic are not recorded one by one). */
    public void recordConsoleSignIn(String username, String remoteAddress) {
        audit.record("user:" + username, "console.signed_in", username, java.util.Map.of("remote_address", String.valueOf(remoteAddress)));
    }

    /** An administrator lifts a lockout before it runs out; answers false for an unknown user. */
    public boolean unlock(String username, String actor) {
        ConsoleUser user = lockedUser(username);
        if (user == null) {
            return false;
        }
        user.recordSuccessfulLogin();
        audit.record(actor, "console_user.unlocked", username, java.util.Map.of());
        return true;
    }

    /** A new console user with one role; the password is kept as a slow hash and named nowhere else. */
    public ConsoleUser create(String username, char[] password, ConsoleRole role, String actor) {
        ConsoleUser user = new ConsoleUser(username, hash(password), java.util.EnumSet.of(role), clock.instant());
        em.persist(user);
        audit.record(actor, "console_user.created", username, java.util.Map.of("role", role.roleName()));
        return user;
    }

    /** The user, its row locked; null for none, and for a name with a control character (a NUL is an error on PostgreSQL, not a miss). */
    private ConsoleUser lockedUser(String username) {
        return username == null || !JsonLimits.printable(username) ? null
                : em.find(ConsoleUser.class, username, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A slow salted hash of a new password, in the form {@link #signIn} verifies. */
    public String hash(char[] password) {
        return passwordHash.hash(password);
    }
}
