package eu.wua.platform;

import static eu.wua.platform.JsonFactory.JSON;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The one error body of every endpoint: {@code {"error", "error_description"}}, never a stack trace. */
public final class ErrorResponse {

    private ErrorResponse() {
    }

    public static Response of(Response.StatusType status, String error, String description) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(JSON.createObjectBuilder().add("error", error).add("error_description", description).build().toString())
                .build();
    }
}
