package eu.wua.platform;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The one source of the time of day: every bean that reads the time injects this {@link Clock}, so that a test can pin it. */
@ApplicationScoped
public class Clocks {

    private static final Clock SYSTEM = Clock.systemUTC();

    @Produces
    Clock clock() {
        return SYSTEM;
    }
}
