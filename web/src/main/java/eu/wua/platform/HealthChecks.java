package eu.wua.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import eu.wua.trust.LoteImport;
import eu.wua.trust.LoteSettings;
import eu.wua.trust.LoteSource;
import eu.wua.wscd.Wscd;
import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdException;

/**
 * MicroProfile Health: ready when the web endpoints serve, the database answers, the WSCD
 * signs and can store a new key, and a configured List of Trusted Entities is current
 * ({@code /health/ready}); live while the application is deployed ({@code /health/live}).
 */
@ApplicationScoped
public class HealthChecks {

    // looked up when a check runs, not injected: in an EAR, Payara Server's health extension creates this
    // bean while the application is still loading, where the web module's java:comp/env is not yet there
    private static final String DATA_SOURCE = "java:app/jdbc/wua";

    @Inject
    private Wscd wscd;

    @Inject
    private PlatformKeys platformKeys;

    @Inject
    private WebReadiness web;

    @Inject
    private LoteSettings loteSettings;

    @Inject
    private LoteImport loteImport;

    @Inject
    private Clock clock;

    @Produces
    @Readiness
    HealthCheck webEndpoints() {
        return () -> HealthCheckResponse.named("web").status(web.serving())
                .withData("endpoints", web.serving() ? "serving" : "starting: JAX-RS and Faces are not serving yet").build();
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try (Connection connection = InitialContext.<DataSource>doLookup(DATA_SOURCE).getConnection()) {
                boolean valid = connection.isValid(2);
                return HealthCheckResponse.named("database").status(valid)
                        .withData("product", connection.getMetaData().getDatabaseProductName()).build();
            } catch (SQLException | NamingException e) {
                return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck wscd() {
        return () -> {
            try (WscdConnection connection = wscd.connect()) {
                WscdDescription description = connection.describe();
                return HealthCheckResponse.named("wscd").up()
                        .withData("backend", description.backend())
                        .withData("softwareKeyStore", description.softwareKeyStore())
                        .build();
            } catch (WscdException e) {
                return HealthCheckResponse.named("wscd").down().withData("error", e.getMessage()).build();
            }
        };
    }

    /**
     * Down when a List of Trusted Entities is configured and no current one is taken in (never, or past its NextUpdate):
     * the listed Wallet Providers are refused then. Up without one (the trust list is local only), and up with the last
     * failure named while the list taken in is still current.
     */
    @Produces
    @Readiness
    HealthCheck trustList() {
        return () -> {
            if (loteSettings.location().isEmpty()) {
                return HealthCheckResponse.named("trust-list").up().withData("lote", "not configured: local entries only").build();
            }
            try {
                LoteSource source = loteImport.source();
                boolean current = source.currentAt(clock.instant());
                var response = HealthCheckResponse.named("trust-list").status(current).withData("lote", loteSettings.location().get())
                        .withData("current", current ? "yes" : source.getNextUpdate() == null ? "no list taken in yet"
                                : "no: NextUpdate " + source.getNextUpdate() + " passed; listed Wallet Providers are refused");
                if (source.getSequenceNumber() != null) {
                    response.withData("sequenceNumber", source.getSequenceNumber()).withData("nextUpdate", source.getNextUpdate().toString());
                }
                if (source.getLastFailureReason() != null) {
                    response.withData("lastFailure", source.getLastFailureAt() + ": " + source.getLastFailureReason());
                }
                return response.build();
            } catch (RuntimeException e) {
                return HealthCheckResponse.named("trust-list").down().withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    /** The WSCD answering is not enough: it must hold the keys the platform recorded (a key directory or token mixed up at a restart). */
    @Produces
    @Readiness
    HealthCheck platformKeys() {
        return () -> {
            try {
                List<String> problems = platformKeys.keysNotHeldByWscd();
                return HealthCheckResponse.named("platform-keys").status(problems.isEmpty())
                        .withData("problems", problems.isEmpty() ? "none" : String.join("; ", problems)).build();
            } catch (WscdException e) {
                return HealthCheckResponse.named("platform-keys").down().withData("error", e.getMessage()).build();
            }
        };
    }

    @Produces
    @Liveness
    HealthCheck deployed() {
        return () -> HealthCheckResponse.named("application").up().build();
    }
}
