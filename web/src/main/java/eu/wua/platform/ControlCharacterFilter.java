package eu.wua.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses, before any endpoint sees it, a request whose path or query holds a control character
 * ({@code %00} and the like): no identifier of this platform has one, and PostgreSQL answers a NUL
 * in a query parameter with an error rather than no row.
 */
@Provider
@PreMatching
public class ControlCharacterFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        boolean printable = JsonLimits.printable(request.getUriInfo().getPath(true))
                && request.getUriInfo().getQueryParameters(true).entrySet().stream()
                        .allMatch(parameter -> JsonLimits.printable(parameter.getKey()) && parameter.getValue().stream().allMatch(JsonLimits::printable));
        if (!printable) {
            request.abortWith(ErrorResponse.of(Response.Status.BAD_REQUEST, "invalid_request",
                    "the request's path or query holds a control character"));
        }
    }
}
