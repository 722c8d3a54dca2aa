package eu.wua.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
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
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.demo.DemoData;
import eu.wua.console.ConsoleAccounts;
import eu.wua.console.ConsoleRole;
import eu.wua.console.SignInResult;

/**
 * The packaged platform (wua.war beside wscd-connector.rar) started as ./run starts it, checked from
 * inside (EJBs, JPA over the Flyway schema, WSCD keys) and from outside over real HTTP.
 */
@ExtendWith(ArquillianExtension.class)
class PlatformStartupIT {

    @Deployment
    static WebArchive packagedPlatform() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    @ArquillianResource
    URL deployment;

    @Inject
    PlatformKeys platformKeys;

    @Inject
    DemoData demoData;

    @Inject
    ConsoleAccounts accounts;

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
        assertTrue(up.containsAll(List.of("database", "wscd", "platform-keys")), response.body());
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

        SignInResult administrator = accounts.signIn("administrator", "admin-test-pw".toCharArray());
        SignInResult.SignedIn signedIn = assertInstanceOf(SignInResult.SignedIn.class, administrator);
        assertEquals(Set.of(ConsoleRole.ADMINISTRATOR), signedIn.roles());

        assertInstanceOf(SignInResult.Refused.class, accounts.signIn("administrator", "wrong".toCharArray()));
        assertInstanceOf(SignInResult.Refused.class, accounts.signIn("nobody", "admin-test-pw".toCharArray()));
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenForTheRightPassword() {
        try {
            for (int i = 0; i < 4; i++) {
                assertInstanceOf(SignInResult.Refused.class, accounts.signIn("certifier", "wrong".toCharArray()));
            }
            assertInstanceOf(SignInResult.Locked.class, accounts.signIn("certifier", "wrong".toCharArray()));
            assertInstanceOf(SignInResult.Locked.class, accounts.signIn("certifier", "certifier-test-pw".toCharArray()));
        } finally {
            // the later suites on one PostgreSQL database sign in as the certifier
            assertTrue(accounts.unlock("certifier", "user:administrator"));
        }
        assertInstanceOf(SignInResult.SignedIn.class, accounts.signIn("certifier", "certifier-test-pw".toCharArray()));
    }

}
