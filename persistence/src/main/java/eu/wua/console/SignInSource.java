package eu.wua.console;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One account's sign-ins from one source address: its failures, its lock, and when it last succeeded. */
@Entity
@Table(name = "console_sign_in_source")
public class SignInSource {

    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "username")
        private String username;

        @Column(name = "source")
        private String source;

        protected Key() {
        }

        public Key(String username, String source) {
            this.username = username;
            this.source = source;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(username, key.username) && Objects.equals(source, key.source);
        }

        @Override
        public int hashCode() {
            return Objects.hash(username, source);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "last_attempt_at", nullable = false)
    private Instant lastAttemptAt;

    @Column(name = "last_success_at")
    private Instant lastSuccessAt;

    protected SignInSource() {
    }

    public SignInSource(String username, String source, Instant now) {
        this.key = new Key(username, source);
        this.lastAttemptAt = now;
    }

    public String getSource() {
        return key.source;
    }

    public int getFailures() {
        return failures;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** The account signed in from here within {@code memory}: a source its owner uses. */
    public boolean isKnownAt(Instant now, Duration memory) {
        return lastSuccessAt != null && now.isBefore(lastSuccessAt.plus(memory));
    }

    /** Counts a failure from here; the {@code limit}-th in a row locks this source out of the account until {@code until}. */
    public void recordFailure(int limit, Instant now, Instant until) {
        lastAttemptAt = now;
        failures++;
        if (failures >= limit) {
            lockedUntil = until;
            failures = 0;
        }
    }

    public void recordSuccess(Instant now) {
        lastAttemptAt = now;
        lastSuccessAt = now;
        failures = 0;
        lockedUntil = null;
    }

    /** An administrator lifted the lock; the source stays known if it was. */
    public void unlock() {
        failures = 0;
        lockedUntil = null;
    }
}
