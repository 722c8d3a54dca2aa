package eu.wua.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import eu.wua.issuer.TestWalletProvider;

/** The list's signature through DSS: what is taken (the signed content, its signer) and each reason a list is refused. */
class LoteSignatureTest {

    private static final Instant NOW = Instant.now();
    private static TestLists.Signer signer;
    private static TestWalletProvider provider;

    @BeforeAll
    static void signer() throws Exception {
        signer = new TestLists.Signer("Test LoTE signer");
        provider = new TestWalletProvider("Listed WP");
    }

    private static String jsonList() throws Exception {
        return TestLists.json(3, NOW, NOW.plus(Duration.ofDays(30)), List.of(new TestLists.Listed("Listed WP", "https://wp.example", null,
                List.of(provider.ca))));
    }

    private static String xmlList() throws Exception {
        return TestLists.xml(3, NOW, NOW.plus(Duration.ofDays(30)), List.of(new TestLists.Listed("Listed WP", "https://wp.example", null,
                List.of(provider.ca))));
    }

    @Test
    void aJadesListYieldsItsPayloadAndSigner() throws Exception {
        LoteSignature.SignedList signed = LoteSignature.verify(signer.jades(jsonList()), List.of(signer.certificate), NOW);
        assertEquals(LoteSignature.Format.JADES, signed.format());
        assertEquals(signer.certificate, signed.signer());
        assertArrayEquals(jsonList().getBytes(StandardCharsets.UTF_8), signed.content());
        assertEquals(3, LoteFormat.parseJson(signed.content()).sequenceNumber());
    }

    @Test
    void aXadesListYieldsTheDocumentWithoutItsSignature() throws Exception {
        LoteSignature.SignedList signed = LoteSignature.verify(signer.xades(xmlList()), List.of(signer.certificate), NOW);
        assertEquals(LoteSignature.Format.XADES, signed.format());
        String content = new String(signed.content(), StandardCharsets.UTF_8);
        assertTrue(!content.contains("Signature") && content.contains("TrustedEntitiesList"), content);
        assertEquals(List.of(provider.ca), LoteFormat.parseXml(signed.content()).entities().get(0).services().get(0).certificates());
    }

    @Test
    void aJadesPayloadChangedAfterSigningIsRefused() throws Exception {
        String[] parts = new String(signer.jades(jsonList()), StandardCharsets.US_ASCII).split("\\.");
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString(jsonList().replace("\"LoTESequenceNumber\":3",
                "\"LoTESequenceNumber\":4").getBytes(StandardCharsets.UTF_8));
        LoteRefused refused = assertThrows(LoteRefused.class, () -> LoteSignature.verify((parts[0] + "." + other + "." + parts[2])
                .getBytes(StandardCharsets.US_ASCII), List.of(signer.certificate), NOW));
        assertTrue(refused.getMessage().contains("does not verify"), refused.getMessage());
    }

    @Test
    void aXadesDocumentChangedAfterSigningIsRefused() throws Exception {
        String signed = new String(signer.xades(xmlList()), StandardCharsets.UTF_8);
        LoteRefused refused = assertThrows(LoteRefused.class, () -> LoteSignature.verify(signed.replace("<LoTESequenceNumber>3<",
                "<LoTESequenceNumber>4<").getBytes(StandardCharsets.UTF_8), List.of(signer.certificate), NOW));
        assertTrue(refused.getMessage().contains("does not verify"), refused.getMessage());
    }

    @Test
    void aListSignedByAnUnpinnedSignerIsRefused() throws Exception {
        TestLists.Signer other = new TestLists.Signer("Someone else");
        for (byte[] list : List.of(other.jades(jsonList()), other.xades(xmlList()))) {
            LoteRefused refused = assertThrows(LoteRefused.class, () -> LoteSignature.verify(list, List.of(signer.certificate), NOW));
            assertTrue(refused.getMessage().contains("CN=Someone else, which is not a pinned signer certificate"), refused.getMessage());
        }
    }

    @Test
    void aPinnedSignerOutsideItsValidityIsRefused() throws Exception {
        LoteRefused refused = assertThrows(LoteRefused.class, () -> LoteSignature.verify(signer.jades(jsonList()), List.of(signer.certificate),
                NOW.plus(Duration.ofDays(400))));
        assertTrue(refused.getMessage().contains("is not valid now"), refused.getMessage());
    }

    @Test
    void anUnsignedOrUnsecuredListIsRefused() throws Exception {
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(jsonList().getBytes(StandardCharsets.UTF_8)) + ".";
        for (byte[] list : List.of(jsonList().getBytes(StandardCharsets.UTF_8), xmlList().getBytes(StandardCharsets.UTF_8),
                none.getBytes(StandardCharsets.US_ASCII), "   ".getBytes(StandardCharsets.US_ASCII))) {
            assertThrows(LoteRefused.class, () -> LoteSignature.verify(list, List.of(signer.certificate), NOW), new String(list, StandardCharsets.UTF_8));
        }
    }

    @Test
    void noPinnedSignerRefusesEveryList() throws Exception {
        LoteRefused refused = assertThrows(LoteRefused.class, () -> LoteSignature.verify(signer.jades(jsonList()), List.of(), NOW));
        assertTrue(refused.getMessage().contains("wua.trust.lote.signer-certificates"), refused.getMessage());
    }
}
