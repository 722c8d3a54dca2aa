package eu.wua.platform;

import static eu.wua.platform.JsonFactory.JSON;

import java.util.Map;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready} and {@code /health/live} on the application's own port, in MicroProfile Health's
 * format, for a server whose MicroProfile Health does not collect the checks of an EAR's modules (WildFly,
 * WFLY-12835: its management port's {@code /health} shows the server's checks only). Where the server
 * serves {@code /health} itself (Payara Micro and Payara Server), its endpoint answers and this one is
 * never reached.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    @Readiness
    private Instance<HealthCheck> readiness;

    @Inject
    @Liveness
    private Instance<HealthCheck> liveness;

    @Inject
    @Any
    private Instance<HealthCheck> all;

    @GET
    @Path("ready")
    public Response ready() {
        return report(readiness);
    }

    @GET
    @Path("live")
    public Response live() {
        return report(liveness);
    }

    @GET
    public Response everything() {
        return report(all);
    }

    private static Response report(Iterable<HealthCheck> checks) {
        boolean up = true;
        JsonArrayBuilder answers = JSON.createArrayBuilder();
        for (HealthCheck check : checks) {
            JsonObjectBuilder answer = JSON.createObjectBuilder();
            HealthCheckResponse response;
            try {
                response = check.call();
            } catch (RuntimeException e) {
                response = HealthCheckResponse.named(check.getClass().getSimpleName()).down()
                        .withData("error", e.getClass().getSimpleName()).build();
            }
            boolean checkUp = response.getStatus() == HealthCheckResponse.Status.UP;
            up &= checkUp;
            answer.add("name", response.getName()).add("status", checkUp ? "UP" : "DOWN");
            response.getData().filter(data -> !data.isEmpty()).ifPresent(data -> answer.add("data", json(data)));
            answers.add(answer);
        }
        String body = JSON.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", answers).build().toString();
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(body).build();
    }

    private static JsonObjectBuilder json(Map<String, Object> data) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        data.forEach((key, value) -> {
            if (value instanceof Boolean flag) {
                object.add(key, flag);
            } else if (value instanceof Long number) {
                object.add(key, number);
            } else {
                object.add(key, String.valueOf(value));
            }
        });
        return object;
    }
}
