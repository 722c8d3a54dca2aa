package eu.wua.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import eu.wua.issuer.TestWalletProvider;

/** Both forms of a List of Trusted Entities read alike, and a list that cannot be read whole is refused with the place named. */
class LoteFormatTest {

    private static final Instant ISSUED = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant NEXT = ISSUED.plus(Duration.ofDays(90));

    private static List<TestLists.Listed> providers() throws Exception {
        return List.of(new TestLists.Listed("First WP", "https://first.example", null, List.of(new TestWalletProvider("First").ca)),
                new TestLists.Listed("Second WP", "https://second.example", TestLists.SUSPENDED, List.of(new TestWalletProvider("Second").ca)));
    }

    @Test
    void theJsonAndXmlFormsReadAlike() throws Exception {
        List<TestLists.Listed> providers = providers();
        ListOfTrustedEntities json = LoteFormat.parseJson(TestLists.json(7, ISSUED, NEXT, providers).getBytes(StandardCharsets.UTF_8));
        ListOfTrustedEntities xml = LoteFormat.parseXml(TestLists.xml(7, ISSUED, NEXT, providers).getBytes(StandardCharsets.UTF_8));
        for (ListOfTrustedEntities list : List.of(json, xml)) {
            assertEquals(7, list.sequenceNumber());
            assertEquals(LoteFormat.EU_WALLET_PROVIDERS_LIST, list.type());
            assertEquals(ISSUED, list.issuedAt());
            assertEquals(NEXT, list.nextUpdate());
            assertEquals("Test scheme operator", list.operatorName());
            assertEquals(2, list.entities().size());
            assertEquals("First WP", list.entities().get(0).name());
            assertEquals(List.of("https://first.example"), list.entities().get(0).informationUris());
            assertNull(list.entities().get(0).services().get(0).status());
            assertEquals(TestLists.SUSPENDED, list.entities().get(1).services().get(0).status());
            assertEquals(LoteFormat.WALLET_SOLUTION_ISSUANCE, list.entities().get(1).services().get(0).typeIdentifier());
            assertEquals(providers.get(1).certificates(), list.entities().get(1).services().get(0).certificates());
        }
        assertEquals(json, new ListOfTrustedEntities(json.versionIdentifier(), json.sequenceNumber(), json.type(), json.operatorName(),
                json.issuedAt(), json.nextUpdate(), json.entities()));
    }

    @Test
    void aListWithoutItsWrapperIsReadToo() throws Exception {
        String wrapped = TestLists.json(2, ISSUED, NEXT, providers());
        String bare = wrapped.substring("{\"LoTE\":".length(), wrapped.length() - 1);
        assertEquals(2, LoteFormat.parseJson(bare.getBytes(StandardCharsets.UTF_8)).entities().size());
    }

    private static void assertRefusedJson(String json, String expected) {
        LoteRefused refused = assertThrows(LoteRefused.class, () -> LoteFormat.parseJson(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    private static void assertRefusedXml(String xml, String expected) {
        LoteRefused refused = assertThrows(LoteRefused.class, () -> LoteFormat.parseXml(xml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    @Test
    void malformedOrIncompleteJsonListsAreRefusedWithThePlaceNamed() throws Exception {
        String list = TestLists.json(5, ISSUED, NEXT, providers());
        assertRefusedJson("{\"LoTE\":", "not a JSON object");
        assertRefusedJson("[1]", "not a JSON object");
        assertRefusedJson(list.replace("\"LoTEVersionIdentifier\":1", "\"LoTEVersionIdentifier\":2"), "LoTEVersionIdentifier 2");
        assertRefusedJson(list.replace("\"LoTESequenceNumber\":5", "\"LoTESequenceNumber\":\"5\""), "LoTESequenceNumber is missing or not an integer");
        assertRefusedJson(list.replace("\"NextUpdate\":\"" + NEXT + "\"", "\"NextUpdate\":null"), "the list is closed");
        assertRefusedJson(list.replace(NEXT.toString(), "next spring"), "NextUpdate 'next spring'");
        assertRefusedJson(list.replace(NEXT.toString(), ISSUED.minusSeconds(1).toString()), "is not after ListIssueDateTime");
        assertRefusedJson(list.replace("\"TEName\"", "\"TENom\""), "TrustedEntitiesList[0].TEName is missing");
        assertRefusedJson(list.replaceFirst("\"val\":\"MII", "\"val\":\"XII"), "TrustedEntitiesList[0].TrustedEntityServices[0]: certificate 0");
        assertRefusedJson("[".repeat(100) + "]".repeat(100), "nested too deep");
        assertRefusedJson("{\"LoTE\":{\"ListAndSchemeInformation\":{}}}", "LoTEVersionIdentifier is missing");
    }

    @Test
    void malformedOrIncompleteXmlListsAreRefused() throws Exception {
        String list = TestLists.xml(5, ISSUED, NEXT, providers());
        assertRefusedXml("<ListOfTrustedEntities", "not well-formed XML");
        assertRefusedXml("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "declares a DTD");
        assertRefusedXml(list.replace(LoteFormat.XML_NAMESPACE, "urn:other"), "is not a ListOfTrustedEntities");
        assertRefusedXml(list.replace("<dateTime>" + NEXT + "</dateTime>", ""), "the list is closed");
        assertRefusedXml(list.replace("<LoTESequenceNumber>5<", "<LoTESequenceNumber>five<"), "are integers");
        assertRefusedXml(list.replace("<ServiceDigitalIdentity>", "<ServiceIdentity>").replace("</ServiceDigitalIdentity>", "</ServiceIdentity>"),
                "ServiceDigitalIdentity is missing");
    }

    @Test
    void serviceStatusesMeanTrustedSuspendedOrWithdrawnAndWhatIsNotUnderstoodWithdraws() {
        assertEquals(TrustState.TRUSTED, ListedStatus.of((String) null));
        assertEquals(TrustState.TRUSTED, ListedStatus.of(TestLists.GRANTED));
        assertEquals(TrustState.TRUSTED, ListedStatus.of("http://uri.etsi.org/19602/SvcStatus/active"));
        assertEquals(TrustState.SUSPENDED, ListedStatus.of(TestLists.SUSPENDED));
        assertEquals(TrustState.WITHDRAWN, ListedStatus.of(TestLists.WITHDRAWN));
        assertEquals(TrustState.WITHDRAWN, ListedStatus.of("http://uri.etsi.org/19602/SvcStatus/somethingNew"));
    }
}
