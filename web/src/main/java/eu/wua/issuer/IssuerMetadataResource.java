package eu.wua.issuer;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The issuer's two metadata documents, where wallets look for them (VCI §12.2.2, RFC 8414 §3). */
@Path(".well-known")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class IssuerMetadataResource {

    @Inject
    private IssuerMetadata metadata;

    @GET
    @Path("openid-credential-issuer")
    public Response credentialIssuer() {
        return Response.ok(metadata.credentialIssuer().toString()).header("Cache-Control", "no-cache").build();
    }

    @GET
    @Path("oauth-authorization-server")
    public Response authorizationServer() {
        return Response.ok(metadata.authorizationServer().toString()).header("Cache-Control", "no-cache").build();
    }
}
