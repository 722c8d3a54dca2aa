package eu.wua.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which hosts a trusted provider's status lists are fetched from (issue #18). */
class StatusListHostsTest {

    private static final Set<String> HOSTS = StatusListHosts.of("https://wallet.example/provider", Set.of("lists.example:8443", "127.0.0.1"));

    @Test
    void theIdentifiersHostAndTheNamedOnesAreAllowed() {
        assertTrue(StatusListHosts.allows(HOSTS, URI.create("https://wallet.example/status/1")));
        assertTrue(StatusListHosts.allows(HOSTS, URI.create("https://WALLET.example:9999/status/1")), "a bare host allows any port");
        assertTrue(StatusListHosts.allows(HOSTS, URI.create("https://lists.example:8443/1")));
        assertTrue(StatusListHosts.allows(HOSTS, URI.create("http://127.0.0.1:41234/lists/1")));
    }

    @Test
    void otherHostsPortsSchemesAndUserPartsAreNot() {
        assertFalse(StatusListHosts.allows(HOSTS, URI.create("https://lists.example/1")), "lists.example only on 8443");
        assertFalse(StatusListHosts.allows(HOSTS, URI.create("https://169.254.169.254/latest/meta-data")));
        assertFalse(StatusListHosts.allows(HOSTS, URI.create("https://wallet.example.attacker.example/1")));
        assertFalse(StatusListHosts.allows(HOSTS, URI.create("file://wallet.example/etc/passwd")));
        assertFalse(StatusListHosts.allows(HOSTS, URI.create("https://user@wallet.example/1")));
        assertFalse(StatusListHosts.allows(HOSTS, URI.create("urn:x:1")));
    }

    @Test
    void anIdentifierWithAPortAllowsOnlyThatPort() {
        Set<String> local = StatusListHosts.of("http://localhost:8887/wallet-provider", Set.of());
        assertTrue(StatusListHosts.allows(local, URI.create("http://localhost:8887/wallet-provider/v1/status-lists/1")));
        assertFalse(StatusListHosts.allows(local, URI.create("http://localhost:8080/wallet-provider/v1/status-lists/1")));
    }

    @Test
    void hostsAreStoredLowerCaseAndOnlyWhenTheyAreHosts() {
        assertEquals(Optional.of("lists.example:8443"), StatusListHosts.normalized(" Lists.Example:8443 "));
        assertEquals(Optional.empty(), StatusListHosts.normalized("https://lists.example"));
        assertEquals(Optional.empty(), StatusListHosts.normalized("lists.example/path"));
        assertEquals(Optional.empty(), StatusListHosts.normalized(""));
        assertEquals(Optional.empty(), StatusListHosts.normalized("a b"));
    }
}
