package eu.wua.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;

import org.junit.jupiter.api.Test;

/** Issue #18: every Basic request ran a 210,000-iteration PBKDF2; a verified credential is remembered for a minute. */
class VerifiedCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final CredentialValidationResult ADMINISTRATOR = new CredentialValidationResult("administrator", Set.of("administrator"));

    private static VerifiedCredentials remembering(long seconds) {
        VerifiedCredentials verified = new VerifiedCredentials();
        verified.seconds = seconds;
        verified.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        verified.makeKey();
        return verified;
    }

    @Test
    void aVerifiedCredentialIsRememberedUntilItsTimeIsUpAndOnlyWithItsPassword() {
        VerifiedCredentials verified = remembering(60);
        verified.remember(new UsernamePasswordCredential("administrator", "right"), ADMINISTRATOR);

        assertEquals("administrator", verified.find(new UsernamePasswordCredential("administrator", "right")).orElseThrow()
                .getCallerPrincipal().getName());
        assertTrue(verified.find(new UsernamePasswordCredential("administrator", "wrong")).isEmpty(), "another password is verified anew");
        assertTrue(verified.find(new UsernamePasswordCredential("certifier", "right")).isEmpty());

        verified.clock = Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC);
        assertTrue(verified.find(new UsernamePasswordCredential("administrator", "right")).isEmpty(), "after a minute the slow hash runs again");
    }

    @Test
    void aRefusedCredentialIsNeverRememberedAndZeroSecondsRemembersNothing() {
        VerifiedCredentials verified = remembering(60);
        verified.remember(new UsernamePasswordCredential("administrator", "guess"), CredentialValidationResult.INVALID_RESULT);
        assertTrue(verified.find(new UsernamePasswordCredential("administrator", "guess")).isEmpty(), "a guess always reaches the lockout");

        VerifiedCredentials off = remembering(0);
        off.remember(new UsernamePasswordCredential("administrator", "right"), ADMINISTRATOR);
        assertTrue(off.find(new UsernamePasswordCredential("administrator", "right")).isEmpty());
    }
}
