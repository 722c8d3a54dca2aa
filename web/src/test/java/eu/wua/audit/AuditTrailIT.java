package eu.wua.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import eu.wua.audit.verify.AuditExportVerifier;
import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.wallet.BackOfficeClient;
import eu.wua.wallet.CredentialOffer;
import eu.wua.wallet.ReferenceWallet;
import eu.wua.wallet.WalletProviderClient;

/**
 * The tamper-evident trail: exports verify offline with the audit certificate alone; a sealed row
 * altered in the database (details, time, order, deletion) is named by its sequence number; a row
 * altered before it was sealed is found by the sealer; one record's inclusion and the log's growth
 * between two signed tree heads are proved offline; concurrent writers end in one log that
 * verifies; nothing secret or personal reaches the trail; only compliance officers read it, and
 * reading is recorded.
 */
@ExtendWith(ArquillianExtension.class)
class AuditTrailIT {

    private static final String PLATFORM = "http://localhost:" + System.getProperty("it.port", "8887");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Deployment
    static WebArchive platform() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")))
                .addClass(AuditProbe.class).addPackage(ReferenceWallet.class.getPackage());
    }

    @ArquillianResource
    URL deployment;

    @Inject
    AuditProbe probe;

    @Inject
    AuditExport export;

    @Inject
    PlatformKeys platformKeys;

    private static HttpResponse<String> get(String path, String credentials) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(PLATFORM + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private PublicKey auditKey() {
        return platformKeys.certificateChain(PlatformKeyPurpose.AUDIT_CHECKPOINT).get(0).getPublicKey();
    }

    /** Three events of a fresh actor, then their export verified: where does it break? */
    private AuditExportVerifier.Result tamperAndVerify(java.util.function.Consumer<List<AuditEvent>> tamper) throws Exception {
        String actor = "test:" + UUID.randomUUID();
        for (int n = 0; n < 3; n++) {
            probe.writeOne(actor, n);
        }
        List<AuditEvent> events = probe.sealedEventsOf(actor);
        Instant from = events.get(0).getOccurredAt();
        Instant to = events.get(2).getOccurredAt();
        tamper.accept(events);
        return AuditExportVerifier.verify(export.export(from, to, "user:compliance-officer"), auditKey());
    }

    @Test
    void alteredDetailsAreNamed() throws Exception {
        long[] middle = new long[1];
        AuditExportVerifier.Result result = tamperAndVerify(events -> probe.changeDetails(middle[0] = events.get(1).getSeq()));
        assertFalse(result.ok());
        assertEquals(middle[0], result.brokenAt(), result.toString());
    }

    @Test
    void anAlteredTimeIsNamed() throws Exception {
        long[] middle = new long[1];
        AuditExportVerifier.Result result = tamperAndVerify(events -> {
            middle[0] = events.get(1).getSeq();
            // still inside the exported range, so that the row is exported and found altered
            probe.changeTime(middle[0], events.get(0).getOccurredAt());
        });
        assertEquals(middle[0], result.brokenAt(), result.toString());
    }

    @Test
    void swappedRowsAreNamed() throws Exception {
        long[] first = new long[1];
        AuditExportVerifier.Result result = tamperAndVerify(events -> probe.swap(first[0] = events.get(1).getSeq(), events.get(2).getSeq()));
        assertEquals(first[0], result.brokenAt(), result.toString());
    }

    @Test
    void aDeletedRowIsNamed() throws Exception {
        long[] middle = new long[1];
        AuditExportVerifier.Result result = tamperAndVerify(events -> probe.delete(middle[0] = events.get(1).getSeq()));
        assertEquals(middle[0], result.brokenAt(), result.toString());
    }

    @Test
    void manyConcurrentWritersEndInOneLogThatVerifies() throws Exception {
        String actor = "test:" + UUID.randomUUID();
        Instant from = Instant.now().minusSeconds(1);
        List<Callable<Void>> writers = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            int number = n;
            writers.add(() -> {
                probe.writeOne(actor, number);
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Void> written : pool.invokeAll(writers)) {
                written.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<AuditEvent> events = probe.sealedEventsOf(actor);
        assertEquals(200, events.size());
        assertEquals(200, events.stream().map(AuditEvent::getSeq).distinct().count(), "each event has a seq of its own");
        AuditExportVerifier.Result result = AuditExportVerifier.verify(export.export(events.get(0).getOccurredAt(),
                events.get(199).getOccurredAt(), "user:compliance-officer"), auditKey());
        assertTrue(result.ok(), result.toString());
        assertTrue(result.records() >= 200, result.toString());
        assertTrue(from.isBefore(events.get(0).getOccurredAt().plusSeconds(1)));
    }

    /** The window between commit and sealing: a row altered there is sealed as it is, and the sealer records what it found. */
    @Test
    void anEventAlteredBeforeItWasSealedIsFoundByItsMac() throws Exception {
        String actor = "test:" + UUID.randomUUID();
        probe.writeAndAlterBeforeSealing(actor);
        List<AuditEvent> events = probe.sealedEventsOf(actor);
        assertEquals(1, events.size());
        String seq = String.valueOf(events.get(0).getSeq());
        List<AuditEvent> found = probe.sealedEventsOf("audit-sealer").stream().filter(event -> seq.equals(event.getSubject())).toList();
        assertEquals(1, found.size(), "one finding for seq " + seq);
        assertEquals("audit.tampering_detected", found.get(0).getType());
        assertTrue(found.get(0).getDetails().contains("MAC"), found.get(0).getDetails());
    }

    /** What a compliance officer hands over instead of an export: a record's inclusion, and that the log only grew. */
    @Test
    @RunAsClient
    void oneRecordsInclusionAndTheLogsGrowthAreProvedOffline() throws Exception {
        String officer = "compliance-officer:compliance-test-pw";
        HttpResponse<String> certificate = get("/admin/v1/audit/certificate", officer);
        PublicKey key = CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(certificate.body().getBytes(StandardCharsets.US_ASCII))).getPublicKey();
        jakarta.json.JsonObject page = jakarta.json.Json.createReader(new java.io.StringReader(get("/admin/v1/audit/tree-heads?size=1", officer)
                .body())).readObject();
        long earlier = page.getJsonArray("tree_heads").getJsonObject(0).getJsonNumber("tree_size").longValue();

        HttpResponse<String> inclusion = get("/admin/v1/audit/proofs/inclusion?seq=" + earlier, officer);
        assertEquals(200, inclusion.statusCode(), inclusion.body());
        eu.wua.audit.verify.AuditProofVerifier.Result included = eu.wua.audit.verify.AuditProofVerifier.verify(inclusion.body(), key);
        assertTrue(included.ok(), included.toString());
        assertTrue(included.summary().contains("record " + earlier), included.toString());
        String forged = inclusion.body().replaceFirst("\"actor\":\"[^\"]*\"", "\"actor\":\"user:mallory\"");
        assertFalse(eu.wua.audit.verify.AuditProofVerifier.verify(forged, key).ok(), "an altered record is not proved");

        long later = jakarta.json.Json.createReader(new java.io.StringReader(inclusion.body())).readObject().getJsonNumber("tree_size").longValue();
        HttpResponse<String> consistency = get("/admin/v1/audit/proofs/consistency?first=" + earlier + "&second=" + later, officer);
        assertEquals(200, consistency.statusCode(), consistency.body());
        eu.wua.audit.verify.AuditProofVerifier.Result grown = eu.wua.audit.verify.AuditProofVerifier.verify(consistency.body(), key);
        assertTrue(grown.ok(), grown.toString());

        HttpResponse<String> unknown = get("/admin/v1/audit/proofs/consistency?first=" + (later + 1_000_000), officer);
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("\"not_in_audit_log\""), unknown.body());
        assertEquals(400, get("/admin/v1/audit/proofs/inclusion", officer).statusCode());
        assertEquals(403, get("/admin/v1/audit/proofs/inclusion?seq=1", "administrator:admin-test-pw").statusCode());
    }

    @Test
    @RunAsClient
    void aPageFarPastTheEndIsEmptyNotAnError() throws Exception {
        HttpResponse<String> page = get("/admin/v1/audit?page=2147483647&size=500", "compliance-officer:compliance-test-pw");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("\"events\":[]"), page.body());
    }

    @Test
    @RunAsClient
    void anExportOfAFullIssuanceVerifiesOfflineAndHoldsNoPinAndNoPidValue() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        String pin = "975310";
        WalletProviderClient walletProvider = new WalletProviderClient(URI.create(PLATFORM));
        BackOfficeClient.Offer offer = new BackOfficeClient(URI.create(PLATFORM), "issuer-operator", "operator-test-pw")
                .offer("eu.europa.ec.eudi.pid_vc_sd_jwt", Map.of("family_name", "Zyxwvutsrq", "given_name", "Qponmlkji",
                        "birthdate", "1971-02-03", "place_of_birth", Map.of("country", "BE"), "nationalities", List.of("BE")));
        ReferenceWallet wallet = ReferenceWallet.register(walletProvider, pin);
        assertEquals(2, wallet.obtainCredentials(CredentialOffer.parse(offer.link()), offer.txCode(), pin, 2, "ts3", "jwt")
                .credentials().size());

        // to: a second ahead, so that the issuance's last event is inside the range whatever the clocks' resolution
        HttpResponse<String> exported = get("/admin/v1/audit/export?from=" + from + "&to=" + Instant.now().plusSeconds(1),
                "compliance-officer:compliance-test-pw");
        assertEquals(200, exported.statusCode(), exported.body());
        HttpResponse<String> certificate = get("/admin/v1/audit/certificate", "compliance-officer:compliance-test-pw");
        PublicKey key = CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(certificate.body().getBytes(StandardCharsets.US_ASCII))).getPublicKey();

        AuditExportVerifier.Result result = AuditExportVerifier.verify(exported.body().lines().toList(), key);
        assertTrue(result.ok(), result.toString());
        for (String type : List.of("wallet_instance.registered", "wia.issued", "key_attestation.issued", "wscd.signature",
                "credential_offer.created", "token.issued", "credential.issued")) {
            assertTrue(exported.body().contains("\"type\":\"" + type + "\""), "the trail records " + type);
        }
        for (String secret : List.of(pin, "Zyxwvutsrq", "Qponmlkji", "1971-02-03", offer.txCode())) {
            assertFalse(exported.body().contains(secret), "no secret and no PID value in the trail: " + secret);
        }
    }

    @Test
    @RunAsClient
    void onlyComplianceOfficersReadTheTrailAndReadingIsRecorded() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        assertEquals(403, get("/admin/v1/audit", "administrator:admin-test-pw").statusCode());
        assertEquals(403, get("/admin/v1/audit/export", "issuer-operator:operator-test-pw").statusCode());
        assertEquals(401, get("/admin/v1/audit", "compliance-officer:wrong").statusCode());
        assertEquals(200, get("/admin/v1/audit?type=test.none", "compliance-officer:compliance-test-pw").statusCode());
        HttpResponse<String> reads = get("/admin/v1/audit?type=audit.read&actor=user:compliance-officer", "compliance-officer:compliance-test-pw");
        assertEquals(200, reads.statusCode(), reads.body());
        assertTrue(reads.body().contains("test.none"), "the earlier read is in the trail: " + reads.body());
        assertEquals(400, get("/admin/v1/audit?from=yesterday", "compliance-officer:compliance-test-pw").statusCode());

        HttpResponse<String> failedSignIns = get("/admin/v1/audit?type=console.sign_in&outcome=REJECTED&from=" + from,
                "compliance-officer:compliance-test-pw");
        assertTrue(failedSignIns.body().contains("\"subject\":\"compliance-officer\""), "a wrong password is recorded: " + failedSignIns.body());
        assertFalse(failedSignIns.body().contains("wrong\""), "never the password typed");

        HttpResponse<String> verified = get("/admin/v1/audit/verify?from=" + from, "compliance-officer:compliance-test-pw");
        assertEquals(200, verified.statusCode(), verified.body());
        assertTrue(verified.body().contains("\"ok\":true"), verified.body());
        assertTrue(get("/admin/v1/audit?type=audit.verified&from=" + from, "compliance-officer:compliance-test-pw").body()
                .contains("audit.verified"), "a verification is recorded");
    }
}
