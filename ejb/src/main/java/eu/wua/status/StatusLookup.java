package eu.wua.status;

import java.time.Instant;

/**
 * The status of an entry of a Token Status List a Wallet Provider publishes, as the issuer's
 * verifiers ask it ({@link StatusListReader} fetches and verifies the list over HTTP).
 */
public interface StatusLookup {

    /**
     * The status value (0 valid, 1 invalid, 2 suspended...) of entry {@code index} of the list at
     * {@code uri}, which must be signed by {@code expectedWalletProviderId}.
     */
    int status(String uri, int index, String expectedWalletProviderId, Instant now) throws StatusUnknown;
}
