package eu.wua.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.wua.verifier.PresentationRejection.Reason;

/** What the person reads on the authorization page for each reason the verifier can give, and what the audit trail keeps. */
class PresentationRequestRefusedTest {

    private static final Map<String, List<Reason>> MEANINGS = Map.of(
            "is revoked or suspended", List.of(Reason.CREDENTIAL_REVOKED),
            "has expired", List.of(Reason.CREDENTIAL_EXPIRED),
            "was not issued by this PID provider", List.of(Reason.CREDENTIAL_STATUS_UNKNOWN, Reason.ISSUER_TYPE, Reason.ISSUER_ALGORITHM,
                    Reason.ISSUER_SIGNATURE, Reason.ISSUER_CHAIN),
            "did not prove that it holds the key", List.of(Reason.KEY_BINDING_MISSING, Reason.KEY_BINDING_TYPE, Reason.KEY_BINDING_ALGORITHM,
                    Reason.KEY_BINDING_KEY, Reason.KEY_BINDING_SIGNATURE),
            "was not made for this sign-in", List.of(Reason.NONCE, Reason.AUDIENCE, Reason.ISSUED_AT, Reason.SD_HASH, Reason.TRANSACTION_DATA),
            "could not be read", List.of(Reason.PRESENTATION_MALFORMED, Reason.PRESENTATION_TOO_LARGE, Reason.DISCLOSURE_MALFORMED,
                    Reason.DISCLOSURE_UNREFERENCED, Reason.DISCLOSURE_REPEATED));

    private static PresentationRequestRefused refusedFor(Reason reason) {
        return PresentationRequestRefused.of(new PresentationVerifier.Refused(new PresentationRejection(reason, "the verifier's words"),
                List.of()));
    }

    @Test
    void everyReasonOfTheVerifierHasAMeaningForThePerson() {
        assertEquals(Reason.values().length, MEANINGS.values().stream().mapToInt(List::size).sum(), "each reason in one group");
    }

    @Test
    void eachReasonIsTranslatedByItsGroupAndKeepsTheVerifiersReasonAndCheck() {
        MEANINGS.forEach((meaning, reasons) -> reasons.forEach(reason -> {
            PresentationRequestRefused refused = refusedFor(reason);
            assertTrue(refused.getMessage().contains(meaning), reason + ": " + refused.getMessage());
            assertTrue(refused.getMessage().endsWith("(" + reason.check() + ": the verifier's words)"), refused.getMessage());
            assertEquals(reason.name(), refused.reason(), "what the audit trail records");
            assertEquals(reason.check(), refused.check());
        }));
    }
}
