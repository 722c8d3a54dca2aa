package eu.wua.platform;

import java.sql.Connection;
import java.sql.SQLException;
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

import eu.wua.wscd.Wscd;
import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdException;

/**
 * MicroProfile Health: ready when the web endpoints serve, the database answers, and the WSCD
 * signs and can store a new key ({@code /health/ready}); live while the application is deployed
 * ({@code /health/live}).
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
