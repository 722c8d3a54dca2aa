package eu.wua.issuer;

import java.util.Map;
import java.util.Optional;

import eu.wua.status.StatusReference;

/** The {@code status} claim of a WIA or KA (TSL §6.2): absent, or a {@code status_list} reference to an entry of a list over HTTP(S). */
final class StatusClaim {

    /** Present but not a status_list reference. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private StatusClaim() {
    }

    static Optional<StatusReference> parse(Object status) throws Malformed {
        if (status == null) {
            return Optional.empty();
        }
        if (status instanceof Map<?, ?> map && map.get("status_list") instanceof Map<?, ?> list
                && list.get("idx") instanceof Number idx && list.get("uri") instanceof String uri
                && idx.longValue() >= 0 && idx.longValue() <= Integer.MAX_VALUE && (uri.startsWith("https://") || uri.startsWith("http://"))) {
            return Optional.of(new StatusReference(uri, idx.intValue()));
        }
        throw new Malformed();
    }
}
