package eu.wua.issuer;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import eu.wua.audit.AuditTrail;

/**
 * The authorization endpoint's pages (haip-issuance.md, "Contract for test wallets"): one form with
 * the authenticator's inputs and a hidden {@code session}; a successful sign-in answers 303 to the
 * wallet's redirect URI. Before the redirect URI is trusted (an unknown, used, expired or foreign
 * {@code request_uri}) an error is a page, never a redirect (RFC 6749 §4.1.2.1).
 */
@Path("issuer/authorize")
@RequestScoped
public class AuthorizationResource {

    private static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

    @Inject
    private Authorizations authorizations;

    @Inject
    private AuditTrail audit;

    @Inject
    @ConfigProperty(name = "wua.public-base-url", defaultValue = "http://localhost:8080")
    String publicBaseUrl;

    /** The browser's binding to its sign-in: an authenticator that hands the person elsewhere is resumed only with it (OpenID4VP §8.2). */
    static final String SESSION_COOKIE = "wua-authorization";

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response open(@QueryParam("client_id") String clientId, @QueryParam("request_uri") String requestUri) {
        try {
            Authorizations.Page opened = authorizations.open(clientId, requestUri);
            return Response.fromResponse(page(200, AuthorizationPage.form(opened, false))).cookie(new NewCookie.Builder(SESSION_COOKIE)
                    .value(opened.session()).path("/issuer/authorize").httpOnly(true).secure(publicBaseUrl.startsWith("https:"))
                    .sameSite(NewCookie.SameSite.LAX).build()).build();
        } catch (IssuanceRejection rejection) {
            return refused(rejection);
        }
    }

    /** The person's browser back from the party an authenticator handed it to, with that party's answer in the query. */
    @GET
    @Path("resume/{authenticator}")
    @Produces(MediaType.TEXT_HTML)
    public Response resume(@PathParam("authenticator") String authenticator, @CookieParam(SESSION_COOKIE) String session,
            @Context UriInfo uri) {
        try {
            return answer(authorizations.resume(session, authenticator, bounded(uri.getQueryParameters())));
        } catch (IssuanceRejection rejection) {
            return refused(rejection);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response submit(MultivaluedMap<String, String> form) {
        Map<String, String> inputs = bounded(form);
        try {
            return answer(authorizations.submit(inputs.remove("session"), inputs));
        } catch (IssuanceRejection rejection) {
            return refused(rejection);
        }
    }

    /** The single-valued parameters of bounded size; anything else is left out, so an authenticator never sees it. */
    private static Map<String, String> bounded(MultivaluedMap<String, String> parameters) {
        Map<String, String> kept = new HashMap<>();
        parameters.forEach((name, values) -> {
            if (values.size() == 1 && name.length() <= 64 && values.get(0).length() <= 1024) {
                kept.put(name, values.get(0));
            }
        });
        return kept;
    }

    private static Response answer(Authorizations.Outcome outcome) {
        if (outcome instanceof Authorizations.Redirect redirect) {
            return Response.seeOther(URI.create(redirect.location())).header("Cache-Control", "no-store").build();
        }
        if (outcome instanceof Authorizations.Retry retry) {
            return page(401, AuthorizationPage.form(retry.page(), true));
        }
        Authorizations.Ended ended = (Authorizations.Ended) outcome;
        return page(400, AuthorizationPage.ended(ended.message(), ended.back()));
    }

    private Response refused(IssuanceRejection rejection) {
        audit.recordRejection("wallet", "authorization.request", null, Map.of("reason", rejection.reason().name(), "error",
                rejection.reason().wireCode(), "description", rejection.getMessage()));
        return page(rejection.reason().httpStatus(), AuthorizationPage.error(rejection.reason().wireCode(), rejection.getMessage()));
    }

    private static Response page(int status, String html) {
        // the page frames nothing and is framed by nothing; the form posts here and is then redirected to the wallet
        return Response.status(status).type(HTML).entity(html).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer").header("X-Frame-Options", "DENY").build();
    }
}
