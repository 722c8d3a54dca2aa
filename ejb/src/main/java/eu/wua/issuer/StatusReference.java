package eu.wua.issuer;

import java.util.Map;
import java.util.Optional;

/** A Token Status List reference ({@code {"status_list": {"idx", "uri"}}}) found in a WIA or KA. */
public record StatusReference(String uri, int index) {

    /** Empty when {@code status} is absent; malformed when it is present but not a status_list reference. */
    @SuppressWarnings("unchecked")
    static Optional<StatusReference> of(Object status) throws MalformedReference {
        if (status == null) {
            return Optional.empty();
        }
        if (status instanceof Map<?, ?> map && map.get("status_list") instanceof Map<?, ?> list
                && list.get("idx") instanceof Number idx && list.get("uri") instanceof String uri
                && idx.longValue() >= 0 && idx.longValue() <= Integer.MAX_VALUE && (uri.startsWith("https://") || uri.startsWith("http://"))) {
            return Optional.of(new StatusReference(uri, idx.intValue()));
        }
        throw new MalformedReference();
    }

    static class MalformedReference extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
