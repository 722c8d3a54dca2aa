package eu.wua.wallet;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The wallet's side of the HAIP authorization code flow (haip-issuance.md): PKCE S256 (RFC 7636),
 * the pushed authorization request with the client attestation and a DPoP proof (RFC 9126, RFC
 * 9449 §10), the authorization page filled in through its form contract (one form, hidden inputs
 * sent back, {@code username} and {@code password}), and the redirect read for {@code code},
 * {@code state} and {@code iss} (RFC 9207) without following it.
 */
public final class AuthorizationFlow {

    /** Where the platform sends the browser back: the reference wallet's private-use scheme (RFC 8252 §7.1). */
    public static final String REDIRECT_URI = "eu.wua.wallet:/authorized";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient BROWSER = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern FORM = Pattern.compile("<form[^>]*method=\"post\"[^>]*>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
    private static final Pattern MESSAGE = Pattern.compile("<div class=\"message\"[^>]*>(.*?)</div>", Pattern.DOTALL);

    private final String verifier = random(48);
    private final String state = random(16);
    private final DpopKey dpopKey;

    public AuthorizationFlow(DpopKey dpopKey) {
        this.dpopKey = dpopKey;
    }

    public String codeVerifier() { return verifier; }
    public String state() { return state; }
    public DpopKey dpopKey() { return dpopKey; }

    /** RFC 7636 §4.2, S256. */
    public String codeChallenge() {
        return ReceivedCredential.digest(verifier);
    }

    /** The PAR's parameters for one configuration by scope, with the offer's {@code issuerState} (null without an offer). */
    public Map<String, String> pushedParameters(String clientId, String configurationId, String issuerState) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("response_type", "code");
        form.put("client_id", clientId);
        form.put("redirect_uri", REDIRECT_URI);
        form.put("scope", configurationId);
        form.put("code_challenge", codeChallenge());
        form.put("code_challenge_method", "S256");
        form.put("state", state);
        if (issuerState != null) {
            form.put("issuer_state", issuerState);
        }
        return form;
    }

    /** The person signs in on the authorization page; answers the code of the redirect, checked for this flow's state and the issuer. */
    public String signIn(String authorizationEndpoint, String clientId, String requestUri, String issuer, String username, String password)
            throws IOException, PlatformRefusal {
        URI page = URI.create(authorizationEndpoint + "?client_id=" + encode(clientId) + "&request_uri=" + encode(requestUri));
        HttpResponse<String> opened = send(HttpRequest.newBuilder(page).GET().build());
        if (opened.statusCode() != 200) {
            throw refusal(opened);
        }
        Matcher form = FORM.matcher(opened.body());
        if (!form.find()) {
            throw new IOException("the authorization page " + authorizationEndpoint + " holds no form to sign in with");
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(form.group(1));
        while (hidden.find()) {
            inputs.put(hidden.group(1), unescape(hidden.group(2)));
        }
        inputs.put("username", username);
        inputs.put("password", password);
        HttpResponse<String> submitted = send(HttpRequest.newBuilder(URI.create(authorizationEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(formOf(inputs))).build());
        return code(submitted, issuer);
    }

    /** What answers the page's OpenID4VP link: presents a held PID and answers the redirect_uri the verifier gave back. */
    @FunctionalInterface
    public interface Presenter {
        String present(String openId4VpLink) throws IOException, PlatformRefusal;
    }

    private static final Pattern PRESENT = Pattern.compile("id=\"present\" href=\"([^\"]+)\"");
    private static final Pattern SESSION_COOKIE = Pattern.compile("(wua-authorization=[^;]+)");

    /**
     * The person proves who they are with the PID they hold instead of signing in: the page's OpenID4VP link goes to the
     * presenter, and this browser (with its session cookie) opens the redirect_uri the verifier answered; answers the code.
     */
    public String presentIn(String authorizationEndpoint, String clientId, String requestUri, String issuer, Presenter presenter)
            throws IOException, PlatformRefusal {
        URI page = URI.create(authorizationEndpoint + "?client_id=" + encode(clientId) + "&request_uri=" + encode(requestUri));
        HttpResponse<String> opened = send(HttpRequest.newBuilder(page).GET().build());
        if (opened.statusCode() != 200) {
            throw refusal(opened);
        }
        Matcher link = PRESENT.matcher(opened.body());
        if (!link.find()) {
            throw new IOException("the authorization page " + authorizationEndpoint + " offers no presentation of a held PID");
        }
        String cookie = opened.headers().allValues("Set-Cookie").stream().map(SESSION_COOKIE::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).findFirst().orElseThrow(() -> new IOException("the authorization page set no session cookie"));
        String redirectUri = presenter.present(unescape(link.group(1)));
        HttpResponse<String> resumed = send(HttpRequest.newBuilder(URI.create(redirectUri)).header("Cookie", cookie).GET().build());
        return code(resumed, issuer);
    }

    /** The redirect to the wallet: its code, checked for this flow's state and the issuer (RFC 9207). */
    private String code(HttpResponse<String> submitted, String issuer) throws IOException, PlatformRefusal {
        if (submitted.statusCode() != 302 && submitted.statusCode() != 303) {
            throw refusal(submitted);
        }
        Map<String, String> answer = query(URI.create(submitted.headers().firstValue("Location").orElseThrow(() ->
                new IOException("the authorization endpoint redirected nowhere"))));
        if (!issuer.equals(answer.get("iss"))) {
            throw new IOException("the authorization response names the issuer " + answer.get("iss") + ", not " + issuer + " (RFC 9207)");
        }
        if (!state.equals(answer.get("state"))) {
            throw new IOException("the authorization response carries another state than this flow's");
        }
        if (answer.containsKey("error")) {
            throw new PlatformRefusal(400, answer.get("error"), String.valueOf(answer.get("error_description")));
        }
        return answer.get("code");
    }

    private static PlatformRefusal refusal(HttpResponse<String> page) {
        Matcher message = MESSAGE.matcher(page.body());
        String error = page.body().contains("id=\"error\">") ? page.body().replaceAll("(?s).*id=\"error\">([^<]*)<.*", "$1") : "sign_in_failed";
        return new PlatformRefusal(page.statusCode(), error, message.find() ? unescape(message.group(1)) : "the authorization page answered "
                + page.statusCode());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return BROWSER.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + request.uri(), e);
        }
    }

    /** {@code application/x-www-form-urlencoded}. */
    public static String formOf(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    /** A URI's query parameters, decoded (the redirect to the wallet, an {@code openid4vp://} link). */
    static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
