package eu.wua.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ValidatedChainsTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2027-01-01T00:00:00Z");

    @Test
    void anEntryHoldsOnlyInsideTheChainsValidity() {
        ValidatedChains.Entry entry = new ValidatedChains.Entry("wp", "a", START, END);
        assertTrue(entry.covers(START));
        assertTrue(entry.covers(END));
        assertFalse(entry.covers(START.minusSeconds(1)));
        assertFalse(entry.covers(END.plusSeconds(1)));
    }

    @Test
    void theLeastRecentlyUsedChainGoesFirstWhenFull() {
        ValidatedChains chains = new ValidatedChains(2);
        chains.remember("one", new ValidatedChains.Entry("wp", "a", START, END));
        chains.remember("two", new ValidatedChains.Entry("wp", "a", START, END));
        assertTrue(chains.find("one").isPresent()); // "one" used last now
        chains.remember("three", new ValidatedChains.Entry("wp", "a", START, END));
        assertEquals(2, chains.size());
        assertTrue(chains.find("one").isPresent());
        assertFalse(chains.find("two").isPresent(), "the least recently used entry was dropped");
        assertTrue(chains.find("three").isPresent());
    }
}
