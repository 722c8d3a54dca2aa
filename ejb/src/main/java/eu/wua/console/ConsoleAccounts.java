package eu.wua.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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

/**
 * Checks console sign-ins against the stored hashes. Failures are counted per account and source
 * address, so that a stranger who types wrong passwords locks out only himself (issue #18), and
 * per account over an hour, so that no more than {@code wua.console.max-failed-logins-per-hour}
 * guesses an hour reach one account from every source together (ASVS 4.0.3 V2.2.1, default 100).
 * The account-wide lock spares the sources the account signed in from in the last 30 days, and an
 * administrator can lift both. Every path runs the slow hash, so a locked account, an open one
 * and an unknown user take the same time.
 */
@Stateless
public class ConsoleAccounts {

    /** Verified against when the user does not exist, so that unknown users take as long as known ones. */
    private static final String ABSENT_USER_HASH =
            "PBKDF2WithHmacSHA256:210000:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    static final Duration ACCOUNT_WINDOW = Duration.ofHours(1);
    static final Duration KNOWN_SOURCE_MEMORY = Duration.ofDays(30);
    /** A source with neither a lock nor a recent success is forgotten a day after its last attempt. */
    private static final Duration IDLE_SOURCE_MEMORY = Duration.ofDays(1);
    private static final int MAX_SOURCE_LENGTH = 64;

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
    @ConfigProperty(name = "wua.console.max-failed-logins-per-hour", defaultValue = "100")
    int maxFailedLoginsPerHour;

    @Inject
    private Clock clock;

    /** A user name and password typed or sent from {@code sourceAddress}; commits the failure count even though the sign-in is refused. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public SignInResult signIn(String username, char[] password, String sourceAddress) {
        Instant now = clock.instant();
        ConsoleUser user = lockedUser(username);
        if (user == null) {
            passwordHash.verify(password, ABSENT_USER_HASH);
            // the name typed is not kept: it may be a password typed in the wrong field
            audit.recordRejection("anonymous", "console.sign_in", null, Map.of("reason", "unknown user", "source", source(sourceAddress)));
            return new SignInResult.Refused();
        }
        SignInSource source = signInSource(user, source(sourceAddress), now);
        boolean sourceLocked = source.isLockedAt(now);
        boolean accountLocked = user.isLockedAt(now) && !source.isKnownAt(now, KNOWN_SOURCE_MEMORY);
        boolean rightPassword = passwordHash.verify(password, user.getPasswordHash());
        if (sourceLocked || accountLocked) {
            audit.recordRejection("anonymous", "console.sign_in", username, Map.of("reason", "account locked",
                    "lock", sourceLocked ? "this source" : "unknown sources", "source", source.getSource()));
            return new SignInResult.Locked();
        }
        if (!rightPassword) {
            source.recordFailure(maxFailedLogins, now, now.plus(Duration.ofMinutes(lockoutMinutes)));
            user.recordFailedLogin(maxFailedLoginsPerHour, now, ACCOUNT_WINDOW);
            forgetIdleSources(username, now);
            boolean locked = source.isLockedAt(now);
            audit.recordRejection("anonymous", "console.sign_in", username, Map.of("reason", "wrong password", "source", source.getSource(),
                    "source_locked", String.valueOf(locked), "failed_this_hour", String.valueOf(user.getFailedLogins()),
                    "account_locked_for_unknown_sources", String.valueOf(user.isLockedAt(now))));
            return locked ? new SignInResult.Locked() : new SignInResult.Refused();
        }
        source.recordSuccess(now);
        return new SignInResult.SignedIn(user.getUsername(), user.getRoles());
    }

    /** The account's record for this source, made on its first attempt (the user's row lock serializes that). */
    private SignInSource signInSource(ConsoleUser user, String source, Instant now) {
        SignInSource known = em.find(SignInSource.class, new SignInSource.Key(user.getUsername(), source));
        if (known != null) {
            return known;
        }
        SignInSource first = new SignInSource(user.getUsername(), source, now);
        em.persist(first);
        return first;
    }

    private void forgetIdleSources(String username, Instant now) {
        em.createQuery("DELETE FROM SignInSource s WHERE s.key.username = :username AND s.lastAttemptAt < :idle"
                + " AND (s.lockedUntil IS NULL OR s.lockedUntil < :now) AND (s.lastSuccessAt IS NULL OR s.lastSuccessAt < :forgotten)")
                .setParameter("username", username).setParameter("idle", now.minus(IDLE_SOURCE_MEMORY)).setParameter("now", now)
                .setParameter("forgotten", now.minus(KNOWN_SOURCE_MEMORY)).executeUpdate();
    }

    /** The address as recorded: printable and bounded (it comes from the connection, but a proxy may pass anything on). */
    private static String source(String address) {
        if (address == null || address.isBlank() || !JsonLimits.printable(address)) {
            return "unknown";
        }
        return address.length() > MAX_SOURCE_LENGTH ? address.substring(0, MAX_SOURCE_LENGTH) : address;
    }

    /** A console session began (the form sign-in; API requests with HTTP Basic are not recorded one by one). */
    public void recordConsoleSignIn(String username, String remoteAddress) {
        audit.record("user:" + username, "console.signed_in", username, Map.of("remote_address", String.valueOf(remoteAddress)));
    }

    /** An administrator lifts an account's locks (account-wide and per source) before they run out; answers false for an unknown user. */
    public boolean unlock(String username, String actor) {
        ConsoleUser user = lockedUser(username);
        if (user == null) {
            return false;
        }
        Instant now = clock.instant();
        List<SignInSource> locked = lockedSources(username, now);
        boolean wasLocked = user.isLockedAt(now);
        user.unlock();
        locked.forEach(SignInSource::unlock);
        audit.record(actor, "console_user.unlocked", username, Map.of("account_wide_lock", String.valueOf(wasLocked),
                "locked_sources", locked.stream().map(SignInSource::getSource).collect(Collectors.joining(","))));
        return true;
    }

    /** What an administrator sees of an account's sign-ins: no hash, no password, only the locks. */
    public record AccountState(String username, Set<ConsoleRole> roles, int failedThisHour, boolean lockedForUnknownSources,
            List<String> lockedSources) {
        public boolean locked() {
            return lockedForUnknownSources || !lockedSources.isEmpty();
        }
    }

    public List<AccountState> accounts() {
        Instant now = clock.instant();
        return em.createQuery("SELECT u FROM ConsoleUser u ORDER BY u.username", ConsoleUser.class).getResultList().stream()
                .map(user -> new AccountState(user.getUsername(), user.getRoles(), user.failedLoginsAt(now, ACCOUNT_WINDOW), user.isLockedAt(now),
                        lockedSources(user.getUsername(), now).stream().map(SignInSource::getSource).toList()))
                .toList();
    }

    private List<SignInSource> lockedSources(String username, Instant now) {
        return em.createQuery("SELECT s FROM SignInSource s WHERE s.key.username = :username AND s.lockedUntil > :now ORDER BY s.key.source",
                SignInSource.class).setParameter("username", username).setParameter("now", now).getResultList();
    }

    /** A new console user with one role; the password is kept as a slow hash and named nowhere else. */
    public ConsoleUser create(String username, char[] password, ConsoleRole role, String actor) {
        ConsoleUser user = new ConsoleUser(username, hash(password), java.util.EnumSet.of(role), clock.instant());
        em.persist(user);
        audit.record(actor, "console_user.created", username, Map.of("role", role.roleName()));
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
