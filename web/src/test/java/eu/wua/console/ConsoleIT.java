package eu.wua.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

import eu.wua.testing.Eventually;
import eu.wua.wallet.AttestedKeys;
import eu.wua.wallet.BackOfficeClient;
import eu.wua.wallet.CredentialOffer;
import eu.wua.wallet.IssuerClient;
import eu.wua.wallet.ReceivedCredential;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;

/** The console's pages in a real browser (-Pbrowser): roles, revocation, batch policy, audit, inspector; screenshots for the README. */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "it.browser", matches = "true")
@RunAsClient
class ConsoleIT {

    private static final String PLATFORM = "http://localhost:" + System.getProperty("it.port", "8887");
    private static final String PID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private static final String PIN = "271828";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<String, Object> SUBJECT = Map.of("family_name", "Console", "given_name", "Test", "birthdate", "1985-05-05",
            "place_of_birth", Map.of("country", "FR"), "nationalities", List.of("FR"));
    /** Each role's own pages: the others' answer "Not allowed". */
    private static final Map<String, List<String>> PAGES = Map.of(
            "administrator", List.of("instances", "credentials", "trust", "policy", "accounts", "certifications", "inspector"),
            "certifier", List.of("certifications", "inspector"),
            "compliance-officer", List.of("audit", "inspector"),
            "issuer-operator", List.of("inspector"));
    private static final List<String> ALL_PAGES = List.of("instances", "credentials", "trust", "policy", "accounts", "certifications", "audit",
            "inspector");

    private static ConsoleBrowser browser;

    @Deployment(testable = false)
    static WebArchive platform() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = new ConsoleBrowser(Integer.getInteger("it.port", 8887));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static HttpResponse<String> send(String method, String path, String credentials, String cookie, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : PLATFORM + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        if (cookie != null) {
            request.header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static ReferenceWallet wallet() throws Exception {
        return ReferenceWallet.register(new WalletProviderClient(URI.create(PLATFORM)), PIN);
    }

    private static List<ReceivedCredential> issue(ReferenceWallet wallet, int keys) throws Exception {
        BackOfficeClient.Offer offer = new BackOfficeClient(URI.create(PLATFORM), "issuer-operator", "operator-test-pw").offer(PID, SUBJECT);
        return wallet.obtainCredentials(CredentialOffer.parse(offer.link()), offer.txCode(), PIN, keys, "ts3", "jwt").credentials();
    }

    /** The credential's 2-bit entry in the issuer's published list, decoded here without the platform's code. */
    @SuppressWarnings("unchecked")
    private static int publishedStatus(ReceivedCredential credential) throws Exception {
        Map<String, Object> reference = (Map<String, Object>) ((Map<String, Object>) credential.payload().get("status")).get("status_list");
        String[] jwt = send("GET", (String) reference.get("uri"), null, null, null).body().strip().split("\\.");
        JsonObject claims = json(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
        return eu.wua.status.IndependentStatusListDecoder.entry(claims.getJsonObject("status_list").getString("lst"), 2,
                ((Number) reference.get("idx")).intValue());
    }

    private static void click(String id) {
        clickOn(By.id(id));
    }

    /** Clicks what the locator finds once it is clickable; an Ajax update that replaces it meanwhile means: find it again. */
    private static void clickOn(By locator) {
        browser.waiting().ignoring(StaleElementReferenceException.class).until(driver -> {
            WebElement element = elementToBeClickable(locator).apply(driver);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /** Inspects and waits until the Ajax update has replaced the previous checks, so no wait is satisfied by the last result. */
    private static void inspect() {
        List<WebElement> previous = browser.driver.findElements(By.id("inspector:checks"));
        click("inspector:inspect");
        if (!previous.isEmpty()) {
            browser.waiting().until(stalenessOf(previous.get(0)));
        }
    }

    private static void type(String id, String text) {
        WebElement field = browser.driver.findElement(By.id(id));
        // select and delete rather than clear(): formatted inputs (p:inputNumber) ignore clear()
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    @Test
    void eachRoleReachesOnlyItsPagesAndAForgedRequestIsRefusedAndRecorded() throws Exception {
        for (var role : PAGES.entrySet()) {
            browser.signInAs(role.getKey());
            for (String page : ALL_PAGES) {
                boolean allowed = role.getValue().contains(page);
                assertEquals(allowed, !browser.driver.findElements(By.id("nav-" + page)).isEmpty(),
                        role.getKey() + " sees a link to " + page + " exactly when the page is theirs");
                browser.open("/console/" + page + ".xhtml");
                browser.await(By.id("page-title"));
                assertEquals(allowed, browser.driver.findElements(By.id("forbidden")).isEmpty(), role.getKey() + " on " + page);
            }
            if ("certifier".equals(role.getKey())) {
                // a form post forged past the missing button: refused by the server, not by the page
                HttpResponse<String> forged = send("POST", "/console/policy.xhtml", null, browser.sessionCookie(),
                        "policy=policy&policy%3Asave=policy%3Asave&policy%3Abatch-size_input=99");
                assertEquals(403, forged.statusCode());
                assertTrue(forged.body().contains("Not allowed"), forged.body());
            }
            browser.signOut();
        }
        HttpResponse<String> refusals = send("GET", "/admin/v1/audit?type=console.forbidden&actor=user:certifier",
                "compliance-officer:compliance-test-pw", null, null);
        assertEquals(200, refusals.statusCode(), refusals.body());
        assertTrue(refusals.body().contains("/console/policy.xhtml") && refusals.body().contains("POST"), refusals.body());
    }

    @Test
    void anAdministratorUnlocksAnAccountThatWrongPasswordsLockedAndTheAuditTrailNamesWhoDid() throws Exception {
        try {
            // from the browser: a lock holds for the source address the wrong passwords came from
            for (int i = 0; i < 5; i++) {
                browser.signIn("issuer-operator", "wrong-" + i);
                browser.waiting().until(textToBePresentInElementLocated(By.id("signin:messages"), "Sign-in failed"));
            }
            browser.signIn("issuer-operator", ConsoleBrowser.PASSWORDS.get("issuer-operator"));
            browser.waiting().until(textToBePresentInElementLocated(By.id("signin:messages"), "Sign-in failed"));
            HttpResponse<String> users = send("GET", "/admin/v1/console-users", "administrator:admin-test-pw", null, null);
            assertEquals(200, users.statusCode(), users.body());
            assertTrue(users.body().contains("\"username\":\"issuer-operator\"") && users.body().contains("\"locked\":true"), users.body());

            browser.signInAs("administrator");
            click("nav-accounts");
            browser.await(By.id("accounts:table"));
            List<WebElement> unlock = browser.driver.findElements(By.xpath("//tr[td[text()='issuer-operator']]//button[contains(@id,'unlock')]"));
            assertEquals(1, unlock.size(), "an unlock button on the locked account's row");
            unlock.get(0).click();
            browser.waiting().until(textToBePresentInElementLocated(By.id("accounts:messages"), "Account unlocked"));
            assertTrue(browser.driver.findElements(By.xpath("//tr[td[text()='issuer-operator']]//button[contains(@id,'unlock')]")).isEmpty());
            browser.screenshot("console-accounts");
            browser.signOut();

            browser.signInAs("issuer-operator");
            browser.signOut();
            HttpResponse<String> unlocked = send("GET", "/admin/v1/audit?type=console_user.unlocked&actor=user:administrator",
                    "compliance-officer:compliance-test-pw", null, null);
            assertTrue(unlocked.body().contains("issuer-operator"), unlocked.body());
        } finally {
            send("POST", "/admin/v1/console-users/issuer-operator/unlock", "administrator:admin-test-pw", null, "");
        }
    }

    @Test
    void revokingAWalletInstanceInTheConsoleSetsItsCredentialsBitAndTheAuditPageShowsIt() throws Exception {
        ReferenceWallet wallet = wallet();
        List<ReceivedCredential> credentials = issue(wallet, 2);
        assertEquals(0, publishedStatus(credentials.get(0)));

        browser.signInAs("administrator");
        click("nav-instances");
        browser.await(By.id("instances:prefix"));
        type("instances:prefix", wallet.instanceId());
        click("instances:search");
        browser.waiting().until(textToBePresentInElementLocated(By.id("instances:table"), wallet.instanceId()));
        click("instances:table:0:details");
        browser.waiting().until(textToBePresentInElementLocated(By.id("detail-credentials"), "2"));
        type("instances:reason", "reported lost");
        browser.screenshot("console-wallet-instances");
        click("instances:revoke");
        browser.waiting().until(visibilityOfElementLocated(By.id("instances:confirm")));
        assertTrue(browser.driver.findElement(By.id("confirm-text")).getText().contains("2 credential(s)"), "the cascade count is stated first");
        click("instances:confirm-yes");
        browser.waiting().until(textToBePresentInElementLocated(By.id("instances:messages"), "Wallet instance revoked"));
        Eventually.until("the cascade revoking the instance's credentials", Duration.ofSeconds(30),
                () -> publishedStatus(credentials.get(1)) == 1);
        assertEquals(1, publishedStatus(credentials.get(0)), "the cascade set the credential's bit in the published list");
        assertEquals(1, publishedStatus(credentials.get(1)));
        browser.signOut();

        browser.signInAs("compliance-officer");
        click("nav-audit");
        browser.await(By.id("audit:type"));
        type("audit:type", "wallet_instance.revoked");
        click("audit:search");
        browser.waiting().until(textToBePresentInElementLocated(By.id("audit:events"), wallet.instanceId()));
        type("audit:type", "cascade.finished");
        click("audit:search");
        browser.waiting().until(textToBePresentInElementLocated(By.id("audit:events"), "cascade.finished"));
        click("audit:verify");
        browser.waiting().until(textToBePresentInElementLocated(By.id("verification"), "OK"));
        browser.screenshot("console-audit");
        browser.signOut();
    }

    @Test
    void aBatchSizeChangedInTheConsoleIsInTheMetadataAndTheNextIssuance() throws Exception {
        browser.signInAs("administrator");
        try {
            setBatchSize("2");
            Map<String, Object> metadata = new IssuerClient(PLATFORM).metadata();
            assertTrue(metadata.toString().contains("batch_size=2"), metadata.toString());
            assertEquals(2, issue(wallet(), 3).size(), "three attested keys, batch_size 2: two credentials");
            browser.screenshot("console-batch-policy");
        } finally {
            setBatchSize("10");
            browser.signOut();
        }
        assertEquals(3, issue(wallet(), 3).size());
    }

    private static void setBatchSize(String size) {
        browser.open("/console/policy.xhtml");
        click("policy:table:0:edit");
        browser.await(By.id("policy:batch-size_input"));
        type("policy:batch-size_input", size);
        click("policy:save");
        browser.waiting().until(textToBePresentInElementLocated(By.id("policy:messages"), "batch_size " + size));
    }

    @Test
    void theInspectorFlagsAHyphenatedKaTypUnderTheStrictRuleAndAProofSignedByTheWrongKey() throws Exception {
        ReferenceWallet wallet = wallet();
        String nonce = new IssuerClient(PLATFORM).nonce();
        AttestedKeys openid4vci = wallet.generateKeys(PIN, 1, "openid4vci", nonce);

        browser.signInAs("issuer-operator");
        click("nav-inspector");
        browser.await(By.id("inspector:input"));
        type("inspector:input", openid4vci.keyAttestation());
        inspect();
        browser.waiting().until(textToBePresentInElementLocated(By.id("verdict"), "Every check passed"));

        click("inspector:strict");
        inspect();
        browser.waiting().until(textToBePresentInElementLocated(By.id("verdict"), "invalid_proof"));
        String checks = browser.driver.findElement(By.id("inspector:checks")).getText();
        assertTrue(checks.contains("KA: typ accepted") && checks.contains("FAILED") && checks.contains("key-attestation+jwt"), checks);
        click("inspector:strict");

        AttestedKeys ts3 = wallet.generateKeys(PIN, 1, "ts3", nonce);
        EllipticCurveJsonWebKey stranger = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        JsonWebSignature proof = new JsonWebSignature();
        proof.setHeader("typ", "openid4vci-proof+jwt");
        proof.setHeader("key_attestation", ts3.keyAttestation());
        proof.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        proof.setPayload(Json.createObjectBuilder().add("aud", PLATFORM).add("iat", System.currentTimeMillis() / 1000)
                .add("nonce", nonce).build().toString());
        proof.setKey(stranger.getPrivateKey());
        type("inspector:input", proof.getCompactSerialization());
        inspect();
        browser.waiting().until(textToBePresentInElementLocated(By.id("inspector:checks"), "proof: signature by the attested key"));
        String proofChecks = browser.driver.findElement(By.id("inspector:checks")).getText();
        assertTrue(proofChecks.contains("KA: signature by the x5c leaf"), "the KA inside was checked too: " + proofChecks);
        assertTrue(browser.driver.findElement(By.id("verdict")).getText().contains("PROOF_SIGNATURE"), proofChecks);
        assertFalse(proofChecks.contains("nonce is a live"), "checks after the failure do not run: " + proofChecks);
        browser.screenshot("console-inspector");

        // a good proof passes every check twice: inspecting used up neither the c_nonce nor the KA
        String goodProof = wallet.jwtProof(PIN, ts3, PLATFORM, nonce);
        for (int time = 0; time < 2; time++) {
            type("inspector:input", goodProof);
            inspect();
            browser.waiting().until(textToBePresentInElementLocated(By.id("verdict"), "Every check passed"));
            String passed = browser.driver.findElement(By.id("inspector:checks")).getText();
            assertTrue(passed.contains("proof: nonce is a live c_nonce") && passed.contains("KA: never used for an issuance before"), passed);
            assertFalse(passed.contains("FAILED"), passed);
        }
        browser.signOut();
    }

    @Test
    void aCertifierRecordsAndWithdrawsACertificationAndAnAdministratorManagesTrustAndCredentials() throws Exception {
        String certification = "console-test-" + System.nanoTime();
        browser.signInAs("certifier");
        click("nav-certifications");
        browser.await(By.id("certifications:id"));
        type("certifications:id", certification);
        type("certifications:model", "Test HSM 9000");
        type("certifications:scheme", "EUCC");
        type("certifications:url", "https://certification.example/" + certification);
        click("certifications:record");
        browser.waiting().until(textToBePresentInElementLocated(By.id("certifications:messages"), "Certification recorded"));
        assertTrue(browser.driver.findElement(By.id("certifications:table")).getText().contains(certification));
        List<WebElement> rows = browser.driver.findElements(By.xpath("//tr[td[text()='" + certification + "']]//button[contains(@id,'withdraw')]"));
        assertEquals(1, rows.size(), "a withdraw button on the new certification's row");
        rows.get(0).click();
        browser.waiting().until(visibilityOfElementLocated(By.id("certifications:confirm")));
        browser.waiting().until(textToBePresentInElementLocated(By.id("confirm-text"), certification));
        assertTrue(browser.driver.findElement(By.id("confirm-text")).getText().contains("0 credential(s)"), "nothing was issued on it yet");
        type("certifications:reason", "vulnerability in the model");
        click("certifications:confirm-yes");
        browser.waiting().until(textToBePresentInElementLocated(By.id("certifications:messages"), "Certification withdrawn"));
        HttpResponse<String> recorded = send("GET", "/admin/v1/certifications", "certifier:certifier-test-pw", null, null);
        assertTrue(recorded.body().contains(certification), recorded.body());
        browser.signOut();

        browser.signInAs("administrator");
        String identifier = "https://wallet-provider-" + System.nanoTime() + ".example";
        click("nav-trust");
        browser.await(By.id("trust:identifier"));
        type("trust:identifier", identifier);
        type("trust:name", "Console Test Wallet Provider");
        type("trust:status-hosts", "status.console-test.example, lists.console-test.example:8443");
        type("trust:pem", new eu.wua.issuer.TestWalletProvider("Console Test WP").caPem());
        click("trust:add");
        browser.waiting().until(textToBePresentInElementLocated(By.id("trust:messages"), "Wallet Provider trusted"));
        assertTrue(browser.driver.findElement(By.id("trust:providers")).getText().contains("Console Test Wallet Provider"));
        HttpResponse<String> listed = send("GET", "/admin/v1/trust/wallet-providers", "administrator:admin-test-pw", null, null);
        assertTrue(listed.body().contains("\"lists.console-test.example:8443\",\"status.console-test.example\""), listed.body());
        assertTrue(browser.driver.findElement(By.id("lote-not-configured")).getText().contains("the trust list is local only"));
        String row = "//tbody[@id='trust:providers_data']/tr[td[contains(., '" + identifier + "')]]";
        assertTrue(browser.driver.findElement(By.xpath(row)).getText().contains("Local (added on this platform)"), "its origin is shown");
        clickOn(By.xpath(row + "//button[span[contains(text(), 'Suspend locally')]]"));
        browser.waiting().until(visibilityOfElementLocated(By.id("trust:suspension-reason")));
        type("trust:suspension-reason", "console test");
        click("trust:suspend-yes");
        browser.waiting().until(textToBePresentInElementLocated(By.id("trust:messages"), "Suspended on this platform"));
        browser.waiting().until(textToBePresentInElementLocated(By.xpath(row), "SUSPENDED LOCALLY"));
        assertTrue(send("GET", "/admin/v1/trust/wallet-providers", "administrator:admin-test-pw", null, null).body()
                .contains("\"reason\":\"console test\""), "the suspension is recorded");
        clickOn(By.xpath(row + "//button[span[text()='Lift local suspension']]"));
        browser.waiting().until(textToBePresentInElementLocated(By.id("trust:messages"), "Suspension lifted"));
        type("trust:identifier", "https://not-a-ca-" + System.nanoTime() + ".example");
        type("trust:name", "No certificate");
        type("trust:pem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----");
        click("trust:add");
        browser.waiting().until(textToBePresentInElementLocated(By.id("trust:messages"), "Not added"));

        List<ReceivedCredential> issued = issue(wallet(), 1);
        click("nav-credentials");
        browser.await(By.id("credentials:status"));
        WebElement before = browser.driver.findElement(By.id("credentials:table"));
        click("credentials:search");
        browser.waiting().until(stalenessOf(before));
        browser.waiting().until(textToBePresentInElementLocated(By.id("credentials:table"), "valid"));
        clickOn(By.xpath("//tbody[@id='credentials:table_data']/tr[1]//button[span[text()='Suspend']]"));
        browser.waiting().until(textToBePresentInElementLocated(By.id("credentials:messages"), "now suspended"));
        assertEquals(2, publishedStatus(issued.get(0)), "the newest credential is first and now suspended in the published list");
        clickOn(By.xpath("//tbody[@id='credentials:table_data']/tr[1]//button[span[text()='Reinstate']]"));
        browser.waiting().until(textToBePresentInElementLocated(By.id("credentials:messages"), "now valid"));
        assertEquals(0, publishedStatus(issued.get(0)));
        browser.signOut();
    }

    @Test
    void theRemainingPagesRender() throws Exception {
        issue(wallet(), 1);
        browser.signInAs("administrator");
        for (String page : List.of("credentials", "trust", "certifications")) {
            browser.open("/console/" + page + ".xhtml");
            browser.await(By.id("page-title"));
            browser.screenshot("console-" + page);
        }
        assertTrue(browser.driver.findElement(By.id("certifications:table")).getText().contains("software"),
                "the demo certification of the software WSCD is listed");
        browser.open("/console/trust.xhtml");
        browser.await(By.id("trust:providers"));
        assertTrue(browser.driver.findElement(By.id("trust:providers")).getText().contains("TRUSTED"), "the demo Wallet Provider is trusted");
        assertTrue(browser.driver.findElement(By.id("trust:providers")).getText().contains("CA"), "its CA certificate is shown decoded");
        browser.open("/console/index.xhtml");
        browser.await(By.id("issued-24h"));
        assertTrue(Long.parseLong(browser.driver.findElement(By.id("issued-24h")).getText()) >= 1, "the credential issued above is counted");
        assertTrue(Long.parseLong(browser.driver.findElement(By.id("issued-24h-pre-authorized")).getText()) >= 1, "counted by its flow");
        browser.driver.findElement(By.id("issued-24h-authorization-code"));
        browser.signOut();
    }

    /**
     * The authorization page of the HAIP flow (issue #19) in a real browser: one form, a wrong password
     * answered on the page, the right one redirected to the wallet's redirect URI with code, state and iss.
     */
    @Test
    void aPersonSignsInOnTheAuthorizationPageInABrowserAndTheWalletGetsTheCode() throws Exception {
        java.util.concurrent.CompletableFuture<String> callback = new java.util.concurrent.CompletableFuture<>();
        com.sun.net.httpserver.HttpServer wallet = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        wallet.createContext("/authorized", exchange -> {
            callback.complete(exchange.getRequestURI().getRawQuery());
            byte[] page = "<html><body><p id=\"wallet\">back in the wallet</p></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        wallet.start();
        try {
            ReferenceWallet instance = ReferenceWallet.register(new WalletProviderClient(URI.create(PLATFORM), PLATFORM + "/wallet-provider"), PIN);
            String wia = instance.walletInstanceAttestation();
            String clientId = json(new String(Base64.getUrlDecoder().decode(wia.split("\\.")[1]), StandardCharsets.UTF_8)).getString("sub");
            eu.wua.wallet.AuthorizationFlow flow = new eu.wua.wallet.AuthorizationFlow(eu.wua.wallet.DpopKey.generate());
            Map<String, String> parameters = new java.util.LinkedHashMap<>(flow.pushedParameters(clientId, PID, null));
            String redirectUri = "http://127.0.0.1:" + wallet.getAddress().getPort() + "/authorized";
            parameters.put("redirect_uri", redirectUri);
            String requestUri = new IssuerClient(PLATFORM).pushAuthorization(parameters, wia, instance.clientAttestationPop(PLATFORM), flow.dpopKey());

            browser.open("/issuer/authorize?client_id=" + java.net.URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&request_uri="
                    + java.net.URLEncoder.encode(requestUri, StandardCharsets.UTF_8));
            browser.await(By.id("authorize"));
            assertEquals(1, browser.driver.findElements(By.tagName("form")).size(), "one form (haip-issuance.md)");
            browser.driver.findElement(By.id("username")).sendKeys("erika");
            browser.driver.findElement(By.id("password")).sendKeys("wrong");
            browser.driver.findElement(By.id("submit")).click();
            browser.await(By.id("message"));
            assertTrue(browser.driver.findElement(By.id("message")).getText().contains("4 tries left"), browser.driver.getPageSource());
            browser.driver.findElement(By.id("username")).sendKeys("erika");
            browser.driver.findElement(By.id("password")).sendKeys("erika-test-pw");
            browser.driver.findElement(By.id("submit")).click();
            browser.await(By.id("wallet"));
            String query = callback.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(query.contains("code="), query);
            assertTrue(query.contains("state=" + flow.state()), query);
            assertTrue(query.contains("iss=" + java.net.URLEncoder.encode(PLATFORM, StandardCharsets.UTF_8)), query);
        } finally {
            wallet.stop(0);
        }
    }

    /** Issue #20: the inspector runs a presentation through the verifier's checks, with the nonce and audience typed in. */
    @Test
    void theInspectorVerifiesAPresentationAndShowsTheFailedCheckOfATamperedOne() throws Exception {
        ReferenceWallet wallet = wallet();
        BackOfficeClient.Offer offer = new BackOfficeClient(URI.create(PLATFORM), "issuer-operator", "operator-test-pw").offer(PID, SUBJECT);
        ReferenceWallet.Issuance issuance = wallet.obtainCredentials(CredentialOffer.parse(offer.link()), offer.txCode(), PIN, 1, "ts3", "jwt");
        String presentation = wallet.present(PIN, issuance.credentials().get(0), issuance.keys().keys().get(0), java.util.Set.of("given_name"),
                "console-nonce", "https://rp.example", List.of());

        browser.signInAs("issuer-operator");
        click("nav-inspector");
        browser.await(By.id("presentation:input"));
        type("presentation:input", presentation);
        type("presentation:nonce", "console-nonce");
        type("presentation:audience", "https://rp.example");
        click("presentation:verify");
        browser.waiting().until(textToBePresentInElementLocated(By.id("presentation-verdict"), "valid: device binding"));
        assertTrue(browser.driver.findElement(By.id("presentation-claims")).getText().contains("Test"), "the disclosed given_name");

        List<WebElement> previous = browser.driver.findElements(By.id("presentation:checks"));
        type("presentation:audience", "https://another-rp.example");
        click("presentation:verify");
        browser.waiting().until(stalenessOf(previous.get(0)));
        browser.waiting().until(textToBePresentInElementLocated(By.id("presentation-verdict"), "refused at audience"));
        String checks = browser.driver.findElement(By.id("presentation:checks")).getText();
        assertTrue(checks.contains("audience") && checks.contains("FAILED"), checks);
    }
}
