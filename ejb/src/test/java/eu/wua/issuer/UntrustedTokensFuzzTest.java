package eu.wua.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * The fuzz suite over the tokens a wallet or a Wallet Provider sends (issue #18), as properties
 * jqwik tries on generated and mutated input (its budget is each property's {@code tries}):
 * <ul>
 * <li>nothing but an {@link IssuanceRejection} leaves a verifier (WIA + PoP, KA, proof, DPoP proof), whatever the text;</li>
 * <li>a variant of a valid token with other bytes that still verifies is the same token: its
 * identity (what single use is keyed on) is the original's;</li>
 * <li>no input takes more than a few seconds (a bound on runaway parsing, not a speed claim).</li>
 * </ul>
 */
class UntrustedTokensFuzzTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final char[] NOISE = "AZaz09-_=+/.!% ~\n\t\u0000\u00e9{}\"\\".toCharArray();

    private final IssuerFixture fixture = new IssuerFixture();
    private final CredentialConfiguration pid = IssuerFixture.pid("iso_18045_high");
    private final String keyAttestation = fixture.keyAttestation(fixture.keyAttestationClaims(null));
    private final String wia = fixture.wia(fixture.wiaClaims());

    UntrustedTokensFuzzTest() throws Exception {
    }

    /** What a verifier may do with any input: accept it or refuse it with a reason. */
    interface Verification {
        Object run() throws IssuanceRejection;
    }

    private static Object acceptedOrNull(Verification verification) {
        return assertTimeoutPreemptively(BOUND, () -> {
            try {
                return verification.run();
            } catch (IssuanceRejection refused) {
                return null;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("a verifier let " + e + " escape instead of refusing", e);
            }
        });
    }

    @Property(tries = 300)
    void anyTextAsAKeyAttestationIsAcceptedOrRefusedWithAReason(@ForAll @StringLength(max = 3000) String text) {
        acceptedOrNull(() -> fixture.keyAttestations().verify(text, pid, IssuerFixture.NOW));
    }

    @Property(tries = 300)
    void anyTextAsAClientAttestationAndPopIsAcceptedOrRefused(@ForAll("jwtShaped") String attestation, @ForAll("jwtShaped") String pop) {
        acceptedOrNull(() -> fixture.clientAttestations().verify(attestation, pop, IssuerFixture.NOW));
    }

    @Property(tries = 300)
    void anyTextAsAProofIsAcceptedOrRefused(@ForAll("jwtShaped") String proof) {
        acceptedOrNull(() -> fixture.proofs().verifyJwtProof(proof, pid, IssuerFixture.NOW));
    }

    @Property(tries = 300)
    void anyTextAsADpopProofIsAcceptedOrRefused(@ForAll("jwtShaped") String proof) {
        DpopProofVerifier dpop = new DpopProofVerifier(fixture.singleUse, fixture.settings);
        acceptedOrNull(() -> dpop.verify(proof, new DpopProofVerifier.Request("POST", IssuerFixture.ISSUER + "/issuer/token",
                java.util.Optional.of("token")), IssuerFixture.NOW));
    }

    @Property(tries = 500)
    void aMutatedKeyAttestationThatStillVerifiesIsTheSameKeyAttestation(@ForAll("keyAttestationMutations") String mutated) throws Exception {
        String original = fixture.keyAttestations().verify(keyAttestation, pid, IssuerFixture.NOW).hash();
        Object accepted = acceptedOrNull(() -> fixture.keyAttestations().verify(mutated, pid, IssuerFixture.NOW));
        if (accepted instanceof VerifiedKeyAttestation ka) {
            assertEquals(original, ka.hash(), "an accepted variant is a new KA for single use: " + mutated);
        }
    }

    @Property(tries = 500)
    void aMutatedWiaThatStillVerifiesHasTheSameSignedContent(@ForAll("wiaMutations") String mutated) throws Exception {
        String original = ReceivedJwt.parse(wia, 64 * 1024, ReceivedJwt.Kind.WIA).identity();
        Object accepted = acceptedOrNull(() -> {
            ReceivedJwt jwt = ReceivedJwt.parse(mutated, 64 * 1024, ReceivedJwt.Kind.WIA);
            jwt.verifySignature(fixture.provider.signer.getPublicKey());
            return jwt;
        });
        if (accepted instanceof ReceivedJwt jwt) {
            assertEquals(original, jwt.identity(), "an accepted variant signs other content: " + mutated);
        }
    }

    @Provide
    Arbitrary<String> jwtShaped() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=").ofMaxLength(200);
        Arbitrary<String> json = Arbitraries.of("{}", "{\"alg\":\"none\"}", "{\"alg\":\"ES256\",\"typ\":\"oauth-client-attestation+jwt\"}",
                "{\"alg\":\"HS256\"}", "[" .repeat(100), "{\"alg\":\"ES256\",\"x5c\":[\"AAAA\"]}", "{\"exp\":1e400}", "null")
                .map(text -> java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(Combinators.combine(json, json, segment).as((h, p, s) -> h + "." + p + "." + s),
                Combinators.combine(segment, segment, segment).as((h, p, s) -> h + "." + p + "." + s),
                Arbitraries.strings().ofMaxLength(500));
    }

    @Provide
    Arbitrary<String> keyAttestationMutations() {
        return mutations(keyAttestation);
    }

    @Provide
    Arbitrary<String> wiaMutations() {
        return mutations(wia);
    }

    /** One to three edits of {@code valid}: a character replaced, inserted or deleted anywhere, or the whole signature respelt. */
    private static Arbitrary<String> mutations(String valid) {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, valid.length() - 1);
        Arbitrary<Character> noise = Arbitraries.of(List.of(box(NOISE)));
        // positions are taken modulo the text's length at the edit: an earlier edit may have shortened it
        Arbitrary<java.util.function.UnaryOperator<String>> edit = Arbitraries.oneOf(
                Combinators.combine(position, noise).as((at, c) -> text -> replaced(text, at % text.length(), c)),
                Combinators.combine(position, noise).as((at, c) -> text -> text.substring(0, at % text.length()) + c + text.substring(at % text.length())),
                position.map(at -> text -> text.length() < 2 ? text : text.substring(0, at % text.length()) + text.substring(at % text.length() + 1)),
                Arbitraries.of("==", "=", "\n", " ").map(tail -> text -> text + tail),
                Arbitraries.just(text -> text.replace('-', '+').replace('_', '/')));
        return edit.list().ofMinSize(1).ofMaxSize(3).map(edits -> {
            String text = valid;
            for (var e : edits) {
                text = e.apply(text);
            }
            return text;
        }).filter(text -> !text.equals(valid));
    }

    private static String replaced(String text, int at, char c) {
        return text.substring(0, at) + c + text.substring(at + 1);
    }

    private static Character[] box(char[] chars) {
        Character[] boxed = new Character[chars.length];
        for (int i = 0; i < chars.length; i++) {
            boxed[i] = chars[i];
        }
        return boxed;
    }
}
