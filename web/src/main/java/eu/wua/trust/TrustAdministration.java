package eu.wua.trust;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.platform.AdministrationError;
import eu.wua.platform.AdministrationRefusal;
import eu.wua.status.RevocationCascades;
import eu.wua.status.RevocationJob;
import eu.wua.status.RevocationJobFormat;

/**
 * The trust list over HTTP: {@code GET/POST /admin/v1/trust/wallet-providers}, {@code POST .../{id}/withdraw}
 * (platform-api.md), {@code .../{id}/suspend} and {@code .../{id}/lift-suspension} (README). Anchors come as PEM in
 * {@code trust_anchors_pem}; each entry says where it comes from ({@code origin}: local, or the list version it was read from).
 */
@Path("admin/v1/trust/wallet-providers")
@Stateless
@RolesAllowed("administrator")
@Produces(MediaType.APPLICATION_JSON)
public class TrustAdministration {

    @Inject
    private WalletProviderRegistry registry;

    @Inject
    private RevocationCascades cascades;

    @Resource
    private SessionContext session;

    @GET
    public Response list() {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        registry.all().forEach(p -> list.add(json(p)));
        return Response.ok(JSON.createObjectBuilder().add("wallet_providers", list).build().toString()).build();
    }

    /** {@code {"identifier", "name", "trust_anchors_pem": "-----BEGIN CERTIFICATE-----...", "status_list_hosts": ["..."]}} (the last optional). */
    @POST
    public Response add(InputStream body) {
        JsonObject request = AdministrationRefusal.jsonBody(body);
        try {
            TrustedWalletProvider added = registry.add(request.getString("identifier", null), request.getString("name", null),
                    request.getString("trust_anchors_pem", "").getBytes(StandardCharsets.US_ASCII), statusListHosts(request), actor());
            return Response.status(Response.Status.CREATED).entity(json(added).build().toString()).build();
        } catch (WalletProviderRegistry.Refused e) {
            return AdministrationError.INVALID_REQUEST.answer(e.getMessage());
        }
    }

    /** Body {@code {"reason": "..."}}, optional. */
    @POST
    @Path("{id}/withdraw")
    public Response withdraw(@PathParam("id") String id, InputStream body) {
        String reason = AdministrationRefusal.optionalJsonBody(body).map(request -> request.getString("reason", "")).orElse("");
        return registry.withdraw(id, reason, actor())
                .map(w -> Response.ok(JSON.createObjectBuilder().add("id", w.id()).add("state", "withdrawn")
                        .add("already_withdrawn", w.alreadyWithdrawn())
                        .add("cascade", RevocationJobFormat.jsonOrNull(w.alreadyWithdrawn() ? null
                                : cascades.startedFrom(RevocationJob.Kind.wallet_provider, id).orElse(null)))
                        .build().toString()).build())
                .orElseGet(() -> AdministrationError.UNKNOWN_WALLET_PROVIDER.answer("no Wallet Provider " + id));
    }

    /** Suspends the provider on this platform only (body {@code {"reason"}}, optional): refused until lifted, kept across list refreshes. */
    @POST
    @Path("{id}/suspend")
    public Response suspend(@PathParam("id") String id, InputStream body) {
        String reason = AdministrationRefusal.optionalJsonBody(body).map(request -> request.getString("reason", "")).orElse("");
        return registry.suspendLocally(id, reason, actor()).map(p -> Response.ok(json(p).build().toString()).build())
                .orElseGet(() -> AdministrationError.UNKNOWN_WALLET_PROVIDER.answer("no Wallet Provider " + id));
    }

    @POST
    @Path("{id}/lift-suspension")
    public Response liftSuspension(@PathParam("id") String id) {
        return registry.liftLocalSuspension(id, actor()).map(p -> Response.ok(json(p).build().toString()).build())
                .orElseGet(() -> AdministrationError.UNKNOWN_WALLET_PROVIDER.answer("no Wallet Provider " + id));
    }

    private static java.util.List<String> statusListHosts(JsonObject request) throws WalletProviderRegistry.Refused {
        if (!request.containsKey("status_list_hosts")) {
            return java.util.List.of();
        }
        if (!(request.get("status_list_hosts") instanceof jakarta.json.JsonArray hosts)
                || !hosts.stream().allMatch(host -> host instanceof jakarta.json.JsonString)) {
            throw new WalletProviderRegistry.Refused("status_list_hosts is an array of host names");
        }
        return hosts.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private String actor() {
        return "user:" + session.getCallerPrincipal().getName();
    }

    private static JsonObjectBuilder json(TrustedWalletProvider provider) {
        JsonArrayBuilder anchors = JSON.createArrayBuilder();
        provider.getTrustAnchors().forEach(a -> anchors.add(JSON.createObjectBuilder().add("subject", a.getSubject())
                .add("sha256", a.getSha256Fingerprint()).add("not_after", a.getNotAfter().toString())));
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", provider.getId()).add("identifier", provider.getIdentifier())
                .add("name", provider.getName()).add("state", provider.getState().name().toLowerCase()).add("trust_anchors", anchors)
                .add("status_list_hosts", JSON.createArrayBuilder(provider.getStatusListHosts().stream().sorted().toList()));
        if (provider.getWithdrawnAt() != null) {
            json.add("withdrawn_at", provider.getWithdrawnAt().toString()).add("withdrawn_reason", String.valueOf(provider.getWithdrawnReason()));
        }
        JsonObjectBuilder origin = JSON.createObjectBuilder().add("type", provider.getOrigin().name().toLowerCase());
        if (provider.getOrigin() == TrustOrigin.LOTE) {
            origin.add("sequence_number", provider.getListedSequenceNumber()).add("issued_at", String.valueOf(provider.getListedIssuedAt()))
                    .add("listed_until", String.valueOf(provider.getListedUntil()));
            if (provider.getListedStatus() == null) {
                origin.addNull("service_status");
            } else {
                origin.add("service_status", provider.getListedStatus());
            }
        }
        json.add("origin", origin);
        if (provider.isLocallySuspended()) {
            json.add("local_suspension", JSON.createObjectBuilder().add("at", provider.getLocalSuspensionAt().toString())
                    .add("by", String.valueOf(provider.getLocalSuspensionBy())).add("reason", String.valueOf(provider.getLocalSuspensionReason())));
        }
        return json;
    }
}
