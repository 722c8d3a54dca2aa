package eu.wua.status;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.ErrorResponse;
import eu.wua.platform.TokenStatusList;
import eu.wua.status.StatusListPublisher.Family;
import eu.wua.wscd.WscdException;

/**
 * Serves the Token Status Lists (TSL §8.1) as {@code application/statuslist+jwt}, with an ETag and
 * a {@code Cache-Control: max-age} equal to the token's {@code ttl}, for caches in between. One root
 * resource per publisher: JAX-RS picks the root class by its longest literal path and never backtracks,
 * so these paths must be longer than {@code wallet-provider/v1} and {@code issuer}.
 */
public final class StatusListResource {

    private StatusListResource() {
    }

    @Path("wallet-provider/v1/status-lists")
    @RequestScoped
    public static class WalletProviderLists {

        @Inject
        private StatusListPublisher publisher;

        @GET
        @Path("{list}")
        public Response list(@PathParam("list") String list, @HeaderParam("If-None-Match") String seen) throws WscdException {
            return answer(list, publisher.publish(list, List.of(Family.WIA, Family.KA)), seen);
        }
    }

    @Path("issuer/v1/status-lists")
    @RequestScoped
    public static class IssuerLists {

        @Inject
        private StatusListPublisher publisher;

        @GET
        @Path("{list}")
        public Response list(@PathParam("list") String list, @HeaderParam("If-None-Match") String seen) throws WscdException {
            return answer(list, publisher.publish(list, List.of(Family.PID)), seen);
        }
    }

    static Response answer(String list, Optional<StatusListPublisher.Published> published, String seen) {
        if (published.isEmpty()) {
            return ErrorResponse.of(Response.Status.NOT_FOUND, "unknown_status_list", "no status list " + list + " here");
        }
        StatusListPublisher.Published token = published.get();
        Response.ResponseBuilder response = token.etag().equals(seen) ? Response.notModified()
                : Response.ok(token.token(), TokenStatusList.MEDIA_TYPE);
        return response.header("ETag", token.etag()).header("Cache-Control", "public, max-age=" + token.ttl().toSeconds())
                .header("Access-Control-Allow-Origin", "*").build();
    }
}
