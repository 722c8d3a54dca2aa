package eu.wua.walletprovider;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.ErrorResponse;
import eu.wua.platform.RequestBody;
import eu.wua.walletprovider.WalletProviderRejection.Reason;
import eu.wua.wscd.WscdException;

/**
 * The Wallet Provider's API (platform-api.md): parses the JSON at the edge, calls one use case, and
 * answers its result, or the rejection's code and description (recorded in the audit trail).
 */
@Path("wallet-provider/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WalletProviderResource {

    static final int MAX_BODY_BYTES = 64 * 1024;

    @Inject
    private WalletProviderNonces nonces;

    @Inject
    private WalletInstanceRegistration registration;

    @Inject
    private WalletInstanceAttestations attestations;

    @Inject
    private WalletKeys keys;

    @Inject
    private AuditTrail audit;

    @POST
    @Path("nonce")
    public Response nonce() {
        return Response.ok(JSON.createObjectBuilder().add("nonce", nonces.issue()).build().toString())
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("instances")
    public Response register(InputStream body) {
        try {
            JsonObject request = jsonBody(body);
            JsonObject integrity = member(request, "integrity", JsonValue.ValueType.OBJECT).asJsonObject();
            String id = registration.register(new Registration(member(request, "instance_key", JsonValue.ValueType.OBJECT).toString(),
                    string(integrity, "integrity.type"), certificateChain(integrity), string(request, "pin")));
            return Response.created(URI.create("/wallet-provider/v1/instances/" + id))
                    .entity(JSON.createObjectBuilder().add("instance_id", id).build().toString()).build();
        } catch (WalletProviderRejection rejection) {
            return refused("anonymous", "wallet_instance.registration", null, rejection);
        }
    }

    @POST
    @Path("instances/{id}/wia")
    public Response walletInstanceAttestation(@PathParam("id") String instanceId, InputStream body) throws WscdException {
        try {
            JsonObject request = jsonBody(body);
            String wia = attestations.issue(instanceId, string(request, "proof"), optionalString(request, "audience"));
            return Response.ok(JSON.createObjectBuilder().add("wallet_instance_attestation", wia).build().toString())
                    .header("Cache-Control", "no-store").build();
        } catch (WalletProviderRejection rejection) {
            return refused("wallet-instance:" + instanceId, "wia.issuance", instanceId, rejection);
        }
    }

    @POST
    @Path("instances/{id}/keys")
    public Response keys(@PathParam("id") String instanceId, InputStream body) throws WscdException {
        try {
            JsonObject request = jsonBody(body);
            JsonValue nonce = request.get("nonce");
            if (nonce != null && !(nonce instanceof JsonString)) {
                throw new WalletProviderRejection(Reason.MALFORMED_REQUEST, "nonce must be a string");
            }
            IssuedKeys issued = keys.generate(instanceId, string(request, "proof"), string(request, "pin"),
                    integer(request, "count"), string(request, "profile"),
                    java.util.Optional.ofNullable(nonce).map(value -> ((JsonString) value).getString()));
            var jwks = JSON.createArrayBuilder();
            issued.keys().forEach(key -> jwks.add(JSON.createObjectBuilder().add("kid", key.kid()).add("jwk", key.jwk())));
            return Response.status(Response.Status.CREATED).header("Cache-Control", "no-store")
                    .entity(JSON.createObjectBuilder().add("keys", jwks).add("key_attestation", issued.keyAttestation()).build().toString())
                    .build();
        } catch (WalletProviderRejection rejection) {
            return refused("wallet-instance:" + instanceId, "key_attestation.issuance", instanceId, rejection);
        }
    }

    @POST
    @Path("instances/{id}/keys/{kid}/sign")
    public Response sign(@PathParam("id") String instanceId, @PathParam("kid") String kid, InputStream body) throws WscdException {
        try {
            JsonObject request = jsonBody(body);
            byte[] signature = keys.sign(instanceId, kid, string(request, "proof"), string(request, "pin"), string(request, "signing_input"));
            return Response.ok(JSON.createObjectBuilder()
                    .add("signature", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(signature)).build().toString())
                    .header("Cache-Control", "no-store").build();
        } catch (WalletProviderRejection rejection) {
            return refused("wallet-instance:" + instanceId, "wscd.signature", instanceId, rejection);
        }
    }

    /** Over 64 KiB is refused before it is parsed (platform-api.md: 413 invalid_request). */
    private static JsonObject jsonBody(InputStream body) throws WalletProviderRejection {
        try {
            return RequestBody.jsonObject(body);
        } catch (RequestBody.Refused refused) {
            throw new WalletProviderRejection(refused.tooLarge() ? Reason.REQUEST_TOO_LARGE : Reason.MALFORMED_REQUEST, refused.getMessage());
        }
    }

    /** {@code integrity.certificate_chain}: an array of base64 DER strings, when the evidence has one. */
    private static java.util.List<String> certificateChain(JsonObject integrity) throws WalletProviderRejection {
        JsonValue chain = integrity.get("certificate_chain");
        if (chain == null) {
            return java.util.List.of();
        }
        if (chain.getValueType() != JsonValue.ValueType.ARRAY
                || !chain.asJsonArray().stream().allMatch(JsonString.class::isInstance)) {
            throw new WalletProviderRejection(Reason.MALFORMED_REQUEST, "integrity.certificate_chain must be an array of base64 strings");
        }
        return chain.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static int integer(JsonObject object, String name) throws WalletProviderRejection {
        JsonValue value = object.get(name);
        if (!(value instanceof jakarta.json.JsonNumber number) || !number.isIntegral()) {
            throw new WalletProviderRejection(Reason.MALFORMED_REQUEST, name + " is missing or not a whole number");
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            throw new WalletProviderRejection(Reason.INVALID_COUNT, name + " is out of range");
        }
    }

    private static JsonValue member(JsonObject object, String name, JsonValue.ValueType type) throws WalletProviderRejection {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() != type) {
            throw new WalletProviderRejection(Reason.MALFORMED_REQUEST, name + " is missing or not a JSON " + type.name().toLowerCase());
        }
        return value;
    }

    private static Optional<String> optionalString(JsonObject object, String name) throws WalletProviderRejection {
        return object.containsKey(name) && object.get(name).getValueType() != JsonValue.ValueType.NULL ? Optional.of(string(object, name))
                : Optional.empty();
    }

    private static String string(JsonObject object, String path) throws WalletProviderRejection {
        String name = path.substring(path.lastIndexOf('.') + 1);
        JsonValue value = object.get(name);
        if (!(value instanceof JsonString text)) {
            throw new WalletProviderRejection(Reason.MALFORMED_REQUEST, path + " is missing or not a string");
        }
        return text.getString();
    }

    private Response refused(String actor, String type, String subject, WalletProviderRejection rejection) {
        audit.recordRejection(actor, type, subject, Map.of("reason", rejection.reason().name(),
                "error", rejection.reason().wireCode(), "description", rejection.getMessage()));
        return ErrorResponse.of(Response.Status.fromStatusCode(rejection.reason().httpStatus()),
                rejection.reason().wireCode(), rejection.getMessage());
    }
}
