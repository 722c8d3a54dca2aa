package eu.wua.issuer;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

import eu.wua.status.StatusListFormat;
import eu.wua.status.StatusLookup;
import eu.wua.status.StatusUnknown;

/**
 * Wallet Providers' status lists without HTTP: each list packed and compressed by the platform's
 * own {@link StatusListFormat} (as a published {@code lst}), and read back from that encoding.
 */
final class EncodedStatusLists implements StatusLookup {

    static final int SIZE = 1024;

    private record EncodedList(String walletProviderId, String lst) {
    }

    private final Map<String, EncodedList> lists = new HashMap<>();

    /** Publishes the list at {@code uri} for {@code walletProviderId}, every entry valid but {@code revoked}. */
    EncodedStatusLists publish(String uri, String walletProviderId, int... revoked) {
        List<int[]> entries = java.util.Arrays.stream(revoked).mapToObj(index -> new int[] {index, 1}).toList();
        lists.put(uri, new EncodedList(walletProviderId, StatusListFormat.compress(StatusListFormat.pack(SIZE, 1, entries))));
        return this;
    }

    @Override
    public int status(String uri, int index, String expectedWalletProviderId, Instant now) throws StatusUnknown {
        EncodedList list = lists.get(uri);
        if (list == null) {
            throw new StatusUnknown("the status list " + uri + " cannot be fetched");
        }
        if (!list.walletProviderId().equals(expectedWalletProviderId)) {
            throw new StatusUnknown("the status list " + uri + " is signed by another Wallet Provider than the attestation");
        }
        try {
            return StatusListFormat.statusAt(StatusListFormat.decompress(list.lst(), SIZE), 1, index);
        } catch (DataFormatException | IndexOutOfBoundsException e) {
            throw new StatusUnknown("index " + index + " cannot be read from " + uri);
        }
    }
}
