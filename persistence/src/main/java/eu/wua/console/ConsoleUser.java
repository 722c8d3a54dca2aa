package eu.wua.console;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/** A person who signs in to the console. The password is kept only as a salted slow hash. */
@Entity
@Table(name = "console_user")
public class ConsoleUser {

    @Id
    @Column(name = "username")
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    /** The account's failures from every source since {@link #failureWindowStart}. */
    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    /** Until when the account refuses sign-ins from sources it does not know. */
    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "failure_window_start")
    private Instant failureWindowStart;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "console_user_role", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "role")
    @Convert(converter = ConsoleRoleConverter.class)
    private Set<ConsoleRole> roles = new HashSet<>();

    protected ConsoleUser() {
    }

    public ConsoleUser(String username, String passwordHash, Set<ConsoleRole> roles, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = new HashSet<>(roles);
        this.createdAt = createdAt;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Set<ConsoleRole> getRoles() {
        return roles.isEmpty() ? EnumSet.noneOf(ConsoleRole.class) : EnumSet.copyOf(roles);
    }

    public int getFailedLogins() {
        return failedLogins;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /**
     * Counts a failed sign-in from any source in the current {@code window}; the {@code limit}-th
     * in one window locks the account, for unknown sources, until the window ends.
     */
    public void recordFailedLogin(int limit, Instant now, Duration window) {
        if (failureWindowStart == null || !now.isBefore(failureWindowStart.plus(window))) {
            failureWindowStart = now;
            failedLogins = 0;
        }
        failedLogins++;
        if (failedLogins >= limit) {
            lockedUntil = failureWindowStart.plus(window);
        }
    }

    /** The failures of the window that is running at {@code now}; none when it has ended. */
    public int failedLoginsAt(Instant now, Duration window) {
        return failureWindowStart != null && now.isBefore(failureWindowStart.plus(window)) ? failedLogins : 0;
    }

    /** An administrator lifted the account-wide lock and its count. */
    public void unlock() {
        failedLogins = 0;
        lockedUntil = null;
        failureWindowStart = null;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
