package eu.wua.trust;

import java.util.List;
import java.util.Locale;

/**
 * What a service status of a List of Trusted Entities means for the trust list. TS 119 602 leaves the
 * status vocabulary to each list's scheme; the EU lists determine status by presence (a listed service
 * without a ServiceStatus is granted). Read here by the URI's last segment: granted, active, recognised,
 * accredited, notified trust; one naming a suspension suspends; any other (withdrawn, revoked, or not
 * understood) withdraws, so that a status this platform cannot read never grants trust.
 */
final class ListedStatus {

    private static final List<String> GRANTED = List.of("granted", "active", "recognised", "recognized", "accredited", "notified");

    private ListedStatus() {
    }

    static TrustState of(String status) {
        if (status == null || status.isBlank()) {
            return TrustState.TRUSTED;
        }
        String segment = status.substring(status.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (GRANTED.contains(segment)) {
            return TrustState.TRUSTED;
        }
        return segment.contains("suspen") ? TrustState.SUSPENDED : TrustState.WITHDRAWN;
    }

    /** An entity is trusted while one of its Wallet Provider services is granted, suspended while one is suspended, else withdrawn. */
    static TrustState of(List<ListOfTrustedEntities.Service> services) {
        boolean suspended = false;
        for (ListOfTrustedEntities.Service service : services) {
            TrustState state = of(service.status());
            if (state == TrustState.TRUSTED) {
                return TrustState.TRUSTED;
            }
            suspended |= state == TrustState.SUSPENDED;
        }
        return suspended ? TrustState.SUSPENDED : TrustState.WITHDRAWN;
    }

    /** The status URI of a service in the entity's state, for display (null: granted by presence). */
    static String representative(List<ListOfTrustedEntities.Service> services, TrustState state) {
        return services.stream().filter(service -> of(service.status()) == state).findFirst()
                .map(ListOfTrustedEntities.Service::status).orElse(null);
    }
}
