package eu.wua.platform;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** The server's root leads a person with a browser to the console. */
@Path("/")
public class RootResource {

    @GET
    public Response toConsole() {
        return Response.status(Response.Status.FOUND).location(URI.create("/console/index.xhtml")).build();
    }
}
