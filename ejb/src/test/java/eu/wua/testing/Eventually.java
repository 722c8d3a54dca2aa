package eu.wua.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waiting in a test for a condition the platform reaches by itself (a cascade finishing, a
 * re-check run, a published status changing): polled, with the time allowed stated once, and a
 * failure that names what did not happen. Shared with the web module's tests (test-jar).
 */
public final class Eventually {

    private static final Duration POLL = Duration.ofMillis(100);

    /** What a test polls: empty while the condition does not hold yet. */
    @FunctionalInterface
    public interface Probe<T> {
        Optional<T> look() throws Exception;
    }

    /** A condition to poll. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Eventually() {
    }

    /** The first value {@code probe} finds within {@code within}; fails naming {@code what} otherwise. */
    public static <T> T value(String what, Duration within, Probe<T> probe) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Optional<T> found = probe.look();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + within);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    public static void until(String what, Duration within, Condition condition) throws Exception {
        value(what, within, () -> condition.holds() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }
}
