package eu.wua.issuer;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import eu.wua.issuer.IssuanceRejection.Reason;
import eu.wua.platform.JsonLimits;

/**
 * A pushed authorization request (RFC 9126 §2.1, HAIP §4.1, VCI §5.1) as read from its form: what
 * the wallet asks for, each parameter checked here on its own. What needs the database (the
 * configuration, the offer of an {@code issuer_state}) and the client attestation is checked by
 * {@link PushedAuthorizations}.
 */
public record PushedAuthorizationRequest(String clientId, String redirectUri, Set<String> scopes, Optional<String> detailsConfigurationId,
        Optional<String> authorizationDetails, String codeChallenge, Optional<String> state, Optional<String> issuerState,
        Optional<String> dpopJkt) {

    static final String OPENID_CREDENTIAL = "openid_credential";
    private static final int MAX_PARAMETER = 2048;
    private static final int MAX_AUTHORIZATION_DETAILS = 4000;
    // RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is 43 characters
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern JKT = Pattern.compile("[A-Za-z0-9_-]{43}");
    // schemes a redirect must never take a browser to
    private static final List<String> FORBIDDEN_SCHEMES = List.of("javascript", "data", "file", "vbscript", "blob", "about");

    public static PushedAuthorizationRequest read(InputStream body) throws IssuanceRejection {
        return parse(FormBody.read(body, Reason.PAR_MALFORMED, Reason.PAR_TOO_LARGE));
    }

    public static PushedAuthorizationRequest parse(String body) throws IssuanceRejection {
        return parse(FormBody.parse(body, Reason.PAR_MALFORMED));
    }

    private static PushedAuthorizationRequest parse(FormBody form) throws IssuanceRejection {
        requireNoRequestUri(form);
        requireWithinLimits(form);
        requireCodeResponse(form.optional("response_type"));
        String clientId = form.required("client_id");
        String redirectUri = requireRedirectUri(form.optional("redirect_uri"));
        String challenge = requireS256Challenge(form.optional("code_challenge"), form.optional("code_challenge_method"));
        Set<String> scopes = scopes(form.optional("scope"));
        Optional<String> details = form.optional("authorization_details");
        Optional<String> detailsConfiguration = details.isPresent() ? Optional.of(detailsConfigurationId(details.get())) : Optional.empty();
        if (scopes.isEmpty() && detailsConfiguration.isEmpty()) {
            throw new IssuanceRejection(Reason.PAR_MALFORMED, "ask for a credential with scope or authorization_details (VCI §5.1)");
        }
        Optional<String> dpopJkt = form.optional("dpop_jkt");
        if (dpopJkt.isPresent() && !JKT.matcher(dpopJkt.get()).matches()) {
            throw new IssuanceRejection(Reason.PAR_MALFORMED, "dpop_jkt is not an RFC 7638 SHA-256 thumbprint");
        }
        return new PushedAuthorizationRequest(clientId, redirectUri, scopes, detailsConfiguration, details, challenge, form.optional("state"),
                form.optional("issuer_state"), dpopJkt);
    }

    /** RFC 9126 §2.1: request_uri must not be sent to the PAR endpoint. */
    static void requireNoRequestUri(FormBody form) throws IssuanceRejection {
        if (form.has("request_uri")) {
            throw new IssuanceRejection(Reason.PAR_REQUEST_URI_INSIDE, "request_uri must not be sent to the PAR endpoint (RFC 9126 §2.1)");
        }
    }

    private static void requireWithinLimits(FormBody form) throws IssuanceRejection {
        for (var parameter : form.parameters().entrySet()) {
            int limit = parameter.getKey().equals("authorization_details") ? MAX_AUTHORIZATION_DETAILS : MAX_PARAMETER;
            if (parameter.getValue().length() > limit || !JsonLimits.printable(parameter.getValue())) {
                throw new IssuanceRejection(Reason.PAR_MALFORMED, parameter.getKey().length() > 64 ? "a parameter is too long or not printable"
                        : parameter.getKey() + " is longer than " + limit + " characters or not printable");
            }
        }
    }

    static void requireCodeResponse(Optional<String> responseType) throws IssuanceRejection {
        if (responseType.isEmpty()) {
            throw new IssuanceRejection(Reason.PAR_MALFORMED, "response_type is missing");
        }
        if (!responseType.get().equals("code")) {
            throw new IssuanceRejection(Reason.RESPONSE_TYPE_UNSUPPORTED, "response_type must be code");
        }
    }

    /**
     * RFC 6749 §3.1.2: an absolute URI without a fragment. A wallet's redirect is its own (a claimed
     * https link or a private-use scheme, RFC 8252 §7), but never one that runs in the browser, and
     * plain http only to the loopback interface.
     */
    static String requireRedirectUri(Optional<String> value) throws IssuanceRejection {
        String text = value.orElseThrow(() -> new IssuanceRejection(Reason.REDIRECT_URI_INVALID, "redirect_uri is missing"));
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IssuanceRejection(Reason.REDIRECT_URI_INVALID, "redirect_uri is not a URI");
        }
        if (!uri.isAbsolute() || uri.getRawFragment() != null) {
            throw new IssuanceRejection(Reason.REDIRECT_URI_INVALID, "redirect_uri must be an absolute URI without a fragment");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (FORBIDDEN_SCHEMES.contains(scheme)) {
            throw new IssuanceRejection(Reason.REDIRECT_URI_INVALID, "redirect_uri must not use the " + scheme + " scheme");
        }
        if (scheme.equals("http") && !List.of("localhost", "127.0.0.1", "[::1]").contains(String.valueOf(uri.getHost()))) {
            throw new IssuanceRejection(Reason.REDIRECT_URI_INVALID, "an http redirect_uri must name the loopback interface; use https");
        }
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() == null) {
            throw new IssuanceRejection(Reason.REDIRECT_URI_INVALID, "redirect_uri names no host");
        }
        return text;
    }

    /** HAIP §4.1: PKCE with S256; a missing method means plain (RFC 7636 §4.3), which is refused. */
    static String requireS256Challenge(Optional<String> challenge, Optional<String> method) throws IssuanceRejection {
        if (challenge.isEmpty()) {
            throw new IssuanceRejection(Reason.PKCE_MISSING, "code_challenge is missing: this issuer requires PKCE with S256 (RFC 7636, HAIP)");
        }
        if (!method.equals(Optional.of("S256"))) {
            throw new IssuanceRejection(Reason.PKCE_METHOD, "code_challenge_method must be S256"
                    + method.map(m -> ", not " + (m.length() > 16 ? m.substring(0, 16) + "..." : m)).orElse(" (without it the method is plain)"));
        }
        if (!S256_CHALLENGE.matcher(challenge.get()).matches()) {
            throw new IssuanceRejection(Reason.PAR_MALFORMED, "code_challenge is not the base64url SHA-256 of a verifier (43 characters)");
        }
        return challenge.get();
    }

    private static Set<String> scopes(Optional<String> scope) {
        Set<String> scopes = new LinkedHashSet<>();
        scope.ifPresent(text -> Arrays.stream(text.split(" ")).filter(s -> !s.isEmpty()).forEach(scopes::add));
        return Set.copyOf(scopes);
    }

    /** RFC 9396 §2, VCI §5.1.1: one {@code openid_credential} entry naming a configuration. */
    static String detailsConfigurationId(String json) throws IssuanceRejection {
        if (!JsonLimits.withinDepth(json)) {
            throw new IssuanceRejection(Reason.AUTHORIZATION_DETAILS_INVALID, "authorization_details nests too deep");
        }
        JsonValue value;
        try {
            value = JSON.createReader(new StringReader(json)).readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new IssuanceRejection(Reason.AUTHORIZATION_DETAILS_INVALID, "authorization_details is not JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().size() != 1
                || value.asJsonArray().get(0).getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IssuanceRejection(Reason.AUTHORIZATION_DETAILS_INVALID, "authorization_details must be an array of one object");
        }
        JsonArray array = value.asJsonArray();
        JsonObject detail = array.getJsonObject(0);
        if (!(detail.get("type") instanceof JsonString type) || !type.getString().equals(OPENID_CREDENTIAL)) {
            throw new IssuanceRejection(Reason.AUTHORIZATION_DETAILS_INVALID, "authorization_details type must be " + OPENID_CREDENTIAL);
        }
        if (!(detail.get("credential_configuration_id") instanceof JsonString id) || id.getString().isBlank()) {
            throw new IssuanceRejection(Reason.AUTHORIZATION_DETAILS_INVALID, "authorization_details must name a credential_configuration_id");
        }
        return id.getString();
    }

    /** The one configuration asked for: this issuer grants one per authorization, by scope or by authorization_details. */
    String requireOneConfiguration() throws IssuanceRejection {
        Set<String> asked = new LinkedHashSet<>(scopes);
        detailsConfigurationId.ifPresent(asked::add);
        if (asked.size() != 1) {
            throw new IssuanceRejection(Reason.SCOPE_UNKNOWN, "ask for one credential configuration per authorization, not " + asked.size());
        }
        return asked.iterator().next();
    }
}
