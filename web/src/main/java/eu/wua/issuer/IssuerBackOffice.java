package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;
import java.util.Map;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.ErrorResponse;

/** {@code POST /issuer/v1/offers} (platform-api.md): what identity proofing hands to the issuer. */
@Path("issuer/v1/offers")
@Stateless
@RolesAllowed("issuer-operator")
@Produces(MediaType.APPLICATION_JSON)
public class IssuerBackOffice {

    @Inject
    private CredentialOffers offers;

    @Inject
    private AuditTrail audit;

    @Resource
    private SessionContext session;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response create(InputStream body) {
        String actor = "user:" + session.getCallerPrincipal().getName();
        try {
            JsonObject request = CredentialOffers.readRequest(body);
            JsonValue subject = request.get("subject");
            String configurationId = request.get("credential_configuration_id") instanceof JsonString id ? id.getString() : null;
            boolean authorizationCode = CredentialOffers.asksForAuthorizationCode(request);
            CredentialOffers.Offer offer = authorizationCode ? offers.createForAuthorization(configurationId, actor)
                    : offers.create(configurationId, subject != null && subject.getValueType() == JsonValue.ValueType.OBJECT
                            ? subject.asJsonObject() : null, actor);
            JsonObjectBuilder answer = JSON.createObjectBuilder()
                    .add("offer_id", offer.id())
                    .add("credential_offer", offer.credentialOffer())
                    .add("credential_offer_link", offer.link());
            if (authorizationCode) {
                answer.add("issuer_state", offer.issuerState());
            } else {
                answer.add("pre-authorized_code", offer.preAuthorizedCode()).add("tx_code", offer.txCode());
            }
            return Response.status(Response.Status.CREATED).header("Cache-Control", "no-store")
                    .entity(answer.add("expires_at", offer.expiresAt().toString()).build().toString()).build();
        } catch (IssuanceRejection rejection) {
            audit.recordRejection(actor, "credential_offer.create", null, Map.of("reason", rejection.reason().name(),
                    "error", rejection.reason().wireCode(), "description", rejection.getMessage()));
            return ErrorResponse.of(Response.Status.fromStatusCode(rejection.reason().httpStatus()), rejection.reason().wireCode(),
                    rejection.getMessage());
        }
    }
}
