package eu.wua.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.testing.Deployments;
import eu.wua.wscd.Wscd;
import eu.wua.wscd.WscdConnection;

/**
 * The HSM going away under the running platform (-Psofthsm): the API answers 503, readiness goes
 * DOWN, and both recover without a restart. The suite sets {@code it.wscd.backend} in the server
 * too, where JUnit evaluates the condition again.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "it.wscd.backend", matches = "pkcs11")
class WscdOutageIT {

    @Deployment
    static Archive<?> packagedPlatform() {
        return Deployments.packagedPlatform(WscdOutageIT.class);
    }

    @Inject
    Wscd wscd;

    @Inject
    PlatformKeys platformKeys;

    @Test
    void theApiAnswers503WhenTheHsmDropsItsLoginAndWorksAgainWithoutARestart() throws Exception {
        try (WscdConnection connection = wscd.connect()) {
            assertEquals("pkcs11", connection.describe().backend());
        }

        var down = afterLogout(this::readiness);
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.body().contains("\"name\":\"wscd\",\"status\":\"DOWN\""), down.body());
        assertEquals(200, readiness().statusCode(), "the adapter opened the token again by itself");

        var refused = afterLogout(() -> java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + deployment.getPort() + "/admin/v1/platform-keys/issuer-ca/csr"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("administrator:admin-test-pw".getBytes()))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()));
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "503 says when to try again");
        assertTrue(refused.body().contains("\"error\":\"temporarily_unavailable\""), refused.body());

        var up = readiness();
        assertEquals(200, up.statusCode(), "the adapter opened the token again by itself: " + up.body());
        byte[] data = {7};
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(platformKeys.certificateChain(PlatformKeyPurpose.AUDIT_CHECKPOINT).get(0).getPublicKey());
        verifier.update(data);
        assertTrue(verifier.verify(platformKeys.signEs256(PlatformKeyPurpose.AUDIT_CHECKPOINT, data)));
    }

    @org.jboss.arquillian.test.api.ArquillianResource
    java.net.URL deployment;

    /**
     * The first call after the token is logged out, up to five times: the platform's own timers (the audit
     * sealer signs every second) may meet the outage first, and the adapter then opens the token again
     * before this call arrives (seen on WildFly in CI). One of five logouts must be met by this call.
     */
    private static java.net.http.HttpResponse<String> afterLogout(java.util.concurrent.Callable<java.net.http.HttpResponse<String>> call)
            throws Exception {
        java.net.http.HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 5 && (response == null || response.statusCode() != 503); attempt++) {
            logTheTokenOut();
            response = call.call();
        }
        return response;
    }

    /** An HSM restart drops the login: log the token out for this whole server process. */
    private static void logTheTokenOut() throws Exception {
        java.security.AuthProvider other = (java.security.AuthProvider) java.security.Security.getProvider("SunPKCS11")
                .configure("--name = Outage\nlibrary = " + System.getProperty("wua.wscd.pkcs11.library") + "\nslotListIndex = 0\n");
        java.security.KeyStore.getInstance("PKCS11", other).load(null, System.getProperty("wua.wscd.pin").toCharArray());
        other.logout();
    }

    private java.net.http.HttpResponse<String> readiness() throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + deployment.getPort() + "/health/ready")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

}
