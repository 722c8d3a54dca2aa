package eu.wua.status;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The platform's own status lists, configured once (README.md has the table). Durations are ISO-8601
 * and checked when the application starts: a malformed one stops the start, not a request later.
 */
@ApplicationScoped
public class StatusListSettings {

    @Inject
    @ConfigProperty(name = "wua.status-list.size", defaultValue = "100000")
    int size;

    @Inject
    @ConfigProperty(name = "wua.status-list.reservation-block", defaultValue = "64")
    int reservationBlock;

    @Inject
    @ConfigProperty(name = "wua.status-list.ttl", defaultValue = "PT5M")
    Duration ttl;

    @Inject
    @ConfigProperty(name = "wua.status-list.validity", defaultValue = "PT24H")
    Duration validity;

    /** Entries of a new list (a list keeps the size it was created with). */
    public int size() { return size; }
    /** Indexes a node reserves at a time. */
    public int reservationBlock() { return reservationBlock; }
    /** How long a reader may keep a list (TSL {@code ttl}). */
    public Duration ttl() { return ttl; }
    /** How long a signed list is valid ({@code exp} - {@code iat}). */
    public Duration validity() { return validity; }
}
