package eu.wua.trust;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts a trusted Wallet Provider's status lists may be fetched from: the host of its
 * identifier and the ones its entry names. A host is {@code name} (any port) or {@code name:port};
 * the comparison ignores case. Anything else a token names is not fetched (issue #18: a trusted
 * provider's token could make the issuer call any address, internal ones included).
 */
public final class StatusListHosts {

    public static final int MAX_HOSTS = 16;
    private static final Pattern HOST = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?");

    private StatusListHosts() {
    }

    /** The host as stored, or empty when it is not a host name or IPv4 address with an optional port. */
    public static Optional<String> normalized(String host) {
        String lower = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        return lower.length() <= 261 && HOST.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
    }

    /** The hosts of a trust list entry: its identifier's, if it is a URL, and the ones it names. */
    public static Set<String> of(String identifier, Set<String> named) {
        Set<String> hosts = new HashSet<>(named);
        try {
            URI uri = URI.create(identifier);
            if (uri.getHost() != null) {
                hosts.add(uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
            }
        } catch (IllegalArgumentException e) {
            // an identifier that is not a URI names no host
        }
        return hosts;
    }

    /** Whether {@code uri} is http(s) on one of {@code hosts}, with no user part. */
    public static boolean allows(Set<String> hosts, URI uri) {
        if (uri.getHost() == null || uri.getRawUserInfo() != null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return hosts.contains(host) || hosts.contains(host + ":" + port);
    }
}
