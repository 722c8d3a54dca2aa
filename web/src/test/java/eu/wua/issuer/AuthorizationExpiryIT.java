package eu.wua.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.inject.Inject;
import jakarta.json.Json;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.wallet.AuthorizationFlow;
import eu.wua.wallet.CredentialOffer;
import eu.wua.wallet.DpopKey;
import eu.wua.wallet.IssuerClient;
import eu.wua.wallet.PlatformRefusal;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;

/**
 * The authorization code flow's deadlines, moved into the past by a probe inside the platform: an
 * expired request_uri gets an error page, an expired code and a refresh token past the horizon get
 * invalid_grant. Its own deployment, with the probe (as BatchAtomicityIT has its failing signer).
 */
@ExtendWith(ArquillianExtension.class)
class AuthorizationExpiryIT {

    // IssuerIT's constants, repeated: that class is not in this deployment
    private static final String ISSUER = "http://localhost:" + System.getProperty("it.port", "8887");
    private static final String PID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private static final String PIN = "975310";
    private static final URI PLATFORM = URI.create(ISSUER);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Deployment
    static WebArchive platformWithAProbe() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")))
                .addClasses(AuthorizationProbe.class).addPackage(ReferenceWallet.class.getPackage());
    }

    @Inject
    AuthorizationProbe probe;

    private static String clientId(String wia) {
        return Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(wia.split("\\.")[1]), StandardCharsets.UTF_8)))
                .readObject().getString("sub");
    }

    @Test
    void anExpiredRequestUriGetsAnErrorPageAndAnExpiredCodeAnInvalidGrant() throws Exception {
        ReferenceWallet wallet = ReferenceWallet.register(new WalletProviderClient(PLATFORM, ISSUER + "/wallet-provider"), PIN);
        String wia = wallet.walletInstanceAttestation();
        String clientId = clientId(wia);
        IssuerClient issuer = new IssuerClient(ISSUER);

        AuthorizationFlow late = new AuthorizationFlow(DpopKey.generate());
        String requestUri = issuer.pushAuthorization(late.pushedParameters(clientId, PID, null), wia, wallet.clientAttestationPop(ISSUER),
                late.dpopKey());
        AuthorizationFlow slow = new AuthorizationFlow(DpopKey.generate());
        String code = slow.signIn(ISSUER + "/issuer/authorize", clientId, issuer.pushAuthorization(slow.pushedParameters(clientId, PID, null),
                wia, wallet.clientAttestationPop(ISSUER), slow.dpopKey()), ISSUER, "erika", "erika-test-pw");
        probe.expirePushedRequestsAndCodes();

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(PLATFORM.resolve("/issuer/authorize?client_id="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&request_uri=" + URLEncoder.encode(requestUri, StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Location").isEmpty());
        assertTrue(page.body().contains("request_uri expired"), page.body());

        PlatformRefusal expired = assertThrows(PlatformRefusal.class, () -> issuer.token(code, slow, wia, wallet.clientAttestationPop(ISSUER)));
        assertEquals(400, expired.status());
        assertEquals("invalid_grant", expired.error());
        assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
    }

    @Test
    void aRefreshTokenPastTheHorizonGetsAnInvalidGrantAndThePersonSignsInAgain() throws Exception {
        ReferenceWallet wallet = ReferenceWallet.register(new WalletProviderClient(PLATFORM, ISSUER + "/wallet-provider"), PIN);
        wallet.obtainCredentialsByAuthorization(CredentialOffer.walletInitiated(ISSUER, PID), "max", "max-test-pw", PIN, 1, "ts3", "attestation");
        probe.passRefreshHorizons();
        PlatformRefusal refused = assertThrows(PlatformRefusal.class, () -> wallet.refreshCredentials(ISSUER, PID, PIN, 1, "ts3", "attestation"));
        assertEquals("invalid_grant", refused.error());
        assertTrue(refused.getMessage().contains("authenticate again"), refused.getMessage());
        assertEquals(1, wallet.obtainCredentialsByAuthorization(CredentialOffer.walletInitiated(ISSUER, PID), "max", "max-test-pw", PIN, 1, "ts3",
                "attestation").credentials().size(), "a new sign-in gives a new authorization");
    }
}
