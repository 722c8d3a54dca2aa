package eu.wua.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A List of Trusted Entities (ETSI TS 119 602) as the trust list needs it, read by {@link LoteFormat}
 * from the signed content only: the list's identity and currency, and each entity with its services.
 */
public record ListOfTrustedEntities(int versionIdentifier, long sequenceNumber, String type, String operatorName, Instant issuedAt,
        Instant nextUpdate, List<Entity> entities) {

    /** {@code informationUris}: TEInformationURI values; the first http(s) one identifies the entity across list versions. */
    public record Entity(String name, List<String> informationUris, List<Service> services) {
    }

    /** {@code status}: the ServiceStatus URI, or null where the list gives none; {@code supplyPoints}: ServiceSupplyPoints URIs. */
    public record Service(String name, String typeIdentifier, String status, List<X509Certificate> certificates, List<String> supplyPoints) {
    }
}
