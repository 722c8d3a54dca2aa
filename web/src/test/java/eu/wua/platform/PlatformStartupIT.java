package eu.wua.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.console.ConsoleAccounts;
import eu.wua.console.ConsoleRole;
import eu.wua.console.SignInResult;
import eu.wua.demo.DemoData;
import eu.wua.testing.Deployments;

/**
 * The packaged platform (wua.war beside wscd-connector.rar) started as ./run starts it, checked from
 * inside (EJBs, JPA over the Flyway schema, WSCD keys) and from outside over real HTTP.
 */
@ExtendWith(ArquillianExtension.class)
class PlatformStartupIT {

    @Deployment
    static Archive<?> packagedPlatform() {
        return Deployments.packagedPlatform(PlatformStartupIT.class);
    }

    @ArquillianResource
    URL deployment;

    @Inject
    PlatformKeys platformKeys;

    @Inject
    DemoData demoData;

    @Inject
    ConsoleAccounts accounts;

    @Inject
    eu.wua.issuer.AttestationInspector inspector;

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Test traffic stays on loopback: Payara listens on every address. */
    private URI local(String path) {
        return URI.create("http://localhost:" + deployment.getPort() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(local(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    @RunAsClient
    void readinessIsUpWithTheDatabaseAndTheWscdChecked() throws Exception {
        HttpResponse<String> response = get("/health/ready");

        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = json(response.body());
        assertEquals("UP", health.getString("status"));
        List<String> up = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> "UP".equals(check.getString("status"))).map(check -> check.getString("name")).toList();
        assertTrue(up.containsAll(List.of("web", "database", "wscd", "platform-keys")), response.body());
        JsonObject wscd = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> "wscd".equals(check.getString("name"))).findFirst().orElseThrow();
        assertEquals(System.getProperty("it.wscd.backend"), wscd.getJsonObject("data").getString("backend"),
                "the suite runs on the WSCD backend it configured");
    }

    @Test
    @RunAsClient
    void livenessIsUp() throws Exception {
        HttpResponse<String> response = get("/health/live");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("UP", json(response.body()).getString("status"));
    }

    @Test
    @RunAsClient
    void anUnknownPathAnswersAJsonErrorWithoutAStackTrace() throws Exception {
        HttpResponse<String> response = get("/no/such/endpoint");

        assertEquals(404, response.statusCode());
        assertEquals("not_found", json(response.body()).getString("error"));
        assertFalse(response.body().contains("Exception"), response.body());
        assertFalse(response.body().contains("\tat "), response.body());
    }

    @Test
    @RunAsClient
    void theConsoleAsksForSignInFirst() throws Exception {
        HttpResponse<String> root = get("/");
        assertEquals(302, root.statusCode());
        assertTrue(root.headers().firstValue("Location").orElse("").endsWith("/console/index.xhtml"));

        HttpResponse<String> dashboard = get("/console/index.xhtml");
        assertEquals(302, dashboard.statusCode(), "the dashboard is protected");
        assertTrue(dashboard.headers().firstValue("Location").orElse("").contains("/console/login.xhtml"));

        HttpResponse<String> signIn = get("/console/login.xhtml");
        assertEquals(200, signIn.statusCode());
        assertTrue(signIn.body().contains("id=\"signin:username\""), "the sign-in form is served");
        assertEquals("nosniff", signIn.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", signIn.headers().firstValue("Referrer-Policy").orElse(""));
        assertTrue(signIn.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        assertTrue(signIn.headers().allValues("Set-Cookie").stream().anyMatch(cookie -> cookie.startsWith("JSESSIONID")
                && cookie.contains("SameSite=Strict") && cookie.contains("HttpOnly")), signIn.headers().toString());
    }

    /** Issue #18: a view state the server never issued gave the 500 page, and to Ajax the exception's name. */
    @Test
    @RunAsClient
    void aFormPostedWithAViewStateTheServerDoesNotHoldReloadsThePage() throws Exception {
        String form = "signin=signin&signin%3Ausername=x&signin%3Apassword=y&signin%3Asubmit=signin&jakarta.faces.ViewState=garbage-1234";
        HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(local("/console/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, plain.statusCode(), plain.body());
        assertTrue(plain.headers().firstValue("Location").orElse("").endsWith("/console/login.xhtml"));

        HttpResponse<String> ajax = HTTP.send(HttpRequest.newBuilder(local("/console/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Faces-Request", "partial/ajax")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&jakarta.faces.partial.ajax=true&jakarta.faces.source=signin%3Asubmit"
                        + "&jakarta.faces.partial.execute=%40all")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ajax.statusCode(), ajax.body());
        assertTrue(ajax.body().contains("<redirect url=\"") && ajax.body().contains("/console/login.xhtml"), ajax.body());
        assertFalse(ajax.body().contains("Exception"), ajax.body());
    }

    /** Payara's /metrics names the server's pools and threads: off unless wua.expose.metrics (README). */
    @Test
    @RunAsClient
    void theServersMetricsAreNotServed() throws Exception {
        HttpResponse<String> metrics = get("/metrics");
        assertTrue(metrics.statusCode() == 403 || metrics.statusCode() == 404, metrics.statusCode() + " " + metrics.body());
        assertFalse(metrics.body().contains("# TYPE"), "no metric is shown");
    }

    @Test
    void theInspectorAnswersInWordsForNoConfigurationAndADeeplyNestedHeader() {
        assertTrue(inspector.inspect("a.b.c", "", false).verdict().contains("Choose the credential configuration"));
        String deep = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"typ\":" + "[".repeat(20_000)
                + "]".repeat(20_000) + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String verdict = inspector.inspect(deep + ".e30.c2ln", eu.wua.issuer.PidConfiguration.SD_JWT_VC_ID, false).verdict();
        assertTrue(verdict.contains("deeper than"), verdict);
    }

    private HttpResponse<String> admin(String method, String path, String user, String password, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(local(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/pem-certificate-chain");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(error, json(response.body()).getString("error"), response.body());
        assertFalse(json(response.body()).getString("error_description").isBlank());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    @Test
    @RunAsClient
    void theAdministrationApiAsksForCredentialsInJson() throws Exception {
        HttpResponse<String> anonymous = admin("GET", "/admin/v1/platform-keys/issuer-ca/csr", null, null, null);
        assertJsonError(anonymous, 401, "unauthorized");
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));

        assertJsonError(admin("GET", "/admin/v1/platform-keys/issuer-ca/csr", "issuer-operator", "wrong", null), 401, "unauthorized");
    }

    @Test
    @RunAsClient
    void anotherRoleIsRefusedThePlatformKeysWithForbidden() throws Exception {
        assertJsonError(admin("GET", "/admin/v1/platform-keys/issuer-ca/csr", "compliance-officer", "compliance-test-pw", null),
                403, "forbidden");
    }

    @Test
    @RunAsClient
    void anAdministratorExportsACsrTheWscdSignedForTheKeyItHolds() throws Exception {
        HttpResponse<String> response = admin("GET", "/admin/v1/platform-keys/credential-signing/csr", "administrator", "admin-test-pw", null);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/pkcs10", response.headers().firstValue("Content-Type").orElse(""));
        try (var parser = new org.bouncycastle.openssl.PEMParser(new StringReader(response.body()))) {
            var csr = (org.bouncycastle.pkcs.PKCS10CertificationRequest) parser.readObject();
            assertTrue(csr.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(csr.getSubjectPublicKeyInfo())));
            assertTrue(csr.getSubject().toString().contains("PID Issuer Credential Signing"), csr.getSubject().toString());
        }
    }

    @Test
    @RunAsClient
    void anUnknownKeyAndAChainThatIsNoCertificateAreRefusedInJson() throws Exception {
        assertJsonError(admin("GET", "/admin/v1/platform-keys/no-such-key/csr", "administrator", "admin-test-pw", null),
                404, "unknown_platform_key");
        assertJsonError(admin("PUT", "/admin/v1/platform-keys/issuer-ca/certificate-chain", "administrator", "admin-test-pw",
                "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n"), 400, "invalid_request");
    }

    @Test
    void platformKeysExistAndTheSigningCertificateChainsToTheWalletProviderCa() throws Exception {
        X509Certificate ca = platformKeys.certificateChain(PlatformKeyPurpose.WALLET_PROVIDER_CA).get(0);
        List<X509Certificate> signing = platformKeys.certificateChain(PlatformKeyPurpose.WALLET_PROVIDER_SIGNING);

        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(signing.subList(0, 1)), parameters);

        for (PlatformKeyPurpose purpose : PlatformKeyPurpose.values()) {
            assertFalse(platformKeys.certificateChain(purpose).isEmpty(), purpose + " has a certificate");
        }
    }

    @Test
    void theWscdSignsWithThePlatformKeyAndTheCertificateVerifiesIt() throws Exception {
        byte[] data = "audit head 42".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] rs = platformKeys.signEs256(PlatformKeyPurpose.AUDIT_CHECKPOINT, data);
        X509Certificate certificate = platformKeys.certificateChain(PlatformKeyPurpose.AUDIT_CHECKPOINT).get(0);

        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(data);
        assertTrue(verifier.verify(rs));
    }

    @Test
    void demoDataIsSeededAndTheSeededUsersSignInThroughTheDatabase() {
        assertTrue(demoData.seeded());

        SignInResult administrator = accounts.signIn("administrator", "admin-test-pw".toCharArray(), "192.0.2.1");
        SignInResult.SignedIn signedIn = assertInstanceOf(SignInResult.SignedIn.class, administrator);
        assertEquals(Set.of(ConsoleRole.ADMINISTRATOR), signedIn.roles());

        assertInstanceOf(SignInResult.Refused.class, accounts.signIn("administrator", "wrong".toCharArray(), "192.0.2.1"));
        assertInstanceOf(SignInResult.Refused.class, accounts.signIn("nobody", "admin-test-pw".toCharArray(), "192.0.2.1"));
    }

    /** Issue #18: five wrong passwords from anywhere locked any account for everyone. */
    @Test
    void fiveWrongPasswordsLockTheirSourceOutOfTheAccountAndNotItsOwner() {
        String name = "lockout-" + java.util.UUID.randomUUID();
        char[] right = "right-password-1".toCharArray();
        accounts.create(name, right, ConsoleRole.CERTIFIER, "test");
        String owner = "192.0.2.10";
        String stranger = "198.51.100.7";
        assertInstanceOf(SignInResult.SignedIn.class, accounts.signIn(name, right, owner));

        for (int i = 0; i < 4; i++) {
            assertInstanceOf(SignInResult.Refused.class, accounts.signIn(name, "wrong".toCharArray(), stranger));
        }
        assertInstanceOf(SignInResult.Locked.class, accounts.signIn(name, "wrong".toCharArray(), stranger));
        assertInstanceOf(SignInResult.Locked.class, accounts.signIn(name, right, stranger), "the right password does not open the lock");
        assertInstanceOf(SignInResult.SignedIn.class, accounts.signIn(name, right, owner), "the owner is not locked out");
        assertInstanceOf(SignInResult.SignedIn.class, accounts.signIn(name, right, "192.0.2.11"), "nor is any other source");

        assertTrue(accounts.unlock(name, "user:administrator"));
        assertInstanceOf(SignInResult.SignedIn.class, accounts.signIn(name, right, stranger));
        assertFalse(accounts.unlock("nobody-" + name, "user:administrator"));
    }

    /** ASVS 4.0.3 V2.2.1: at most 100 failures an hour reach one account, from every source together. */
    @Test
    void aHundredFailuresInAnHourLockTheAccountForSourcesItHasNotSignedInFrom() {
        String name = "spray-" + java.util.UUID.randomUUID();
        char[] right = "right-password-2".toCharArray();
        accounts.create(name, right, ConsoleRole.CERTIFIER, "test");
        String owner = "192.0.2.20";
        assertInstanceOf(SignInResult.SignedIn.class, accounts.signIn(name, right, owner));

        // 50 sources, two guesses each: no source reaches its own limit of five
        for (int i = 0; i < 100; i++) {
            assertInstanceOf(SignInResult.Refused.class, accounts.signIn(name, "guess".toCharArray(), "203.0.113." + (i % 50)));
        }
        assertInstanceOf(SignInResult.Locked.class, accounts.signIn(name, right, "203.0.113.200"), "an unknown source is refused");
        assertInstanceOf(SignInResult.SignedIn.class, accounts.signIn(name, right, owner), "the owner's known source is not");
        ConsoleAccounts.AccountState state = accounts.accounts().stream().filter(account -> account.username().equals(name)).findFirst()
                .orElseThrow();
        assertTrue(state.lockedForUnknownSources() && state.failedThisHour() == 100, state.toString());

        assertTrue(accounts.unlock(name, "user:administrator"));
        assertInstanceOf(SignInResult.SignedIn.class, accounts.signIn(name, right, "203.0.113.200"));
    }

    /** A Basic header on a public endpoint is not checked: wrong passwords there cost nothing and lock nothing. */
    @Test
    @RunAsClient
    void wrongBasicPasswordsOnAPublicEndpointAreIgnored() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertEquals(200, admin("GET", "/.well-known/openid-credential-issuer", "certifier", "wrong-" + i, null).statusCode());
        }
        assertEquals(200, admin("GET", "/admin/v1/certifications", "certifier", "certifier-test-pw", null).statusCode(),
                "the certifier is not locked");
    }

    @Test
    @RunAsClient
    void anAdministratorUnlocksThroughTheApiAndOthersMayNot() throws Exception {
        HttpResponse<String> unlocked = admin("POST", "/admin/v1/console-users/certifier/unlock", "administrator", "admin-test-pw", "");
        assertEquals(200, unlocked.statusCode(), unlocked.body());
        assertFalse(json(unlocked.body()).getBoolean("locked"));
        assertJsonError(admin("POST", "/admin/v1/console-users/no-such-user/unlock", "administrator", "admin-test-pw", ""), 404,
                "unknown_console_user");
        assertEquals(403, admin("POST", "/admin/v1/console-users/certifier/unlock", "certifier", "certifier-test-pw", "").statusCode());
        HttpResponse<String> list = admin("GET", "/admin/v1/console-users", "administrator", "admin-test-pw", null);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(json(list.body()).getJsonArray("console_users").size() >= 4, list.body());
        assertFalse(list.body().contains("PBKDF2"), "no password hash is shown");
    }
}
