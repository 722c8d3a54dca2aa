package eu.wua.trust;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.platform.PemCertificates;

/**
 * Takes a verified List of Trusted Entities into the trust list, in one transaction with its audit
 * events: its Wallet Providers added, updated, suspended, granted again or withdrawn (a provider the
 * new version no longer lists is withdrawn); suspensions and withdrawals announced as
 * {@link WalletProviderWithdrawn}, so that the cascade revokes what was issued on them. Local entries and
 * local suspensions are not touched. Also keeps the source's row: the lease that lets one node at a time
 * refresh, and how the last attempt went.
 */
@Stateless
public class LoteImport {

    static final String ACTOR = "system:lote";
    /** A list dated further ahead than this is refused as not yet issued. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    public enum Outcome {
        IMPORTED,
        UNCHANGED
    }

    /** What an import did: counts of providers by change. */
    public record Result(Outcome outcome, long sequenceNumber, int listed, int added, int changed, int suspended, int withdrawn,
            int grantedAgain, List<String> notes) {
    }

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    @Inject
    private Event<WalletProviderWithdrawn> withdrawals;

    @Inject
    private WalletProviderRegistry registry;

    @Inject
    private Clock clock;

    public LoteSource source() {
        return em.find(LoteSource.class, LoteSource.ID);
    }

    /** Takes the refresh lease for {@code node} unless another node holds it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String node, Duration lease) {
        Instant now = clock.instant();
        return em.createQuery("UPDATE LoteSource s SET s.leaseOwner = :node, s.leaseUntil = :until WHERE s.id = :id"
                + " AND (s.leaseOwner IS NULL OR s.leaseOwner = :node OR s.leaseUntil < :now)")
                .setParameter("node", node).setParameter("until", now.plus(lease)).setParameter("now", now)
                .setParameter("id", LoteSource.ID).executeUpdate() == 1;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(String node) {
        em.createQuery("UPDATE LoteSource s SET s.leaseOwner = NULL, s.leaseUntil = NULL WHERE s.id = :id AND s.leaseOwner = :node")
                .setParameter("id", LoteSource.ID).setParameter("node", node).executeUpdate();
    }

    /** A fetch or check that failed: recorded on the source and in the audit trail; the last valid list stays. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(String location, String reason) {
        em.find(LoteSource.class, LoteSource.ID, LockModeType.PESSIMISTIC_WRITE).failed(location, reason, clock.instant());
        audit.record(ACTOR, "trust.lote_refresh_failed", "lote", Map.of("location", location, "reason", reason));
    }

    /** {@code documentSha256}: of the whole document as fetched, to tell a changed list under an unchanged sequence number. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Result apply(ListOfTrustedEntities list, LoteSignature.SignedList signed, String location, String documentSha256,
            String expectedType, String serviceType) throws LoteRefused {
        Instant now = clock.instant();
        LoteSource source = em.find(LoteSource.class, LoteSource.ID, LockModeType.PESSIMISTIC_WRITE);
        requireCurrent(list, expectedType, now);
        if (source.getSequenceNumber() != null) {
            if (list.sequenceNumber() < source.getSequenceNumber()) {
                throw new LoteRefused("LoTESequenceNumber " + list.sequenceNumber() + " is older than the list already taken in ("
                        + source.getSequenceNumber() + "): a list is never rolled back");
            }
            if (list.sequenceNumber() == source.getSequenceNumber()) {
                if (!documentSha256.equals(source.getDocumentSha256())) {
                    throw new LoteRefused("the list changed under the same LoTESequenceNumber " + list.sequenceNumber());
                }
                source.succeeded(location, now);
                return new Result(Outcome.UNCHANGED, list.sequenceNumber(), source.getEntities(), 0, 0, 0, 0, 0, List.of());
            }
        }
        Changes changes = new Changes();
        Map<String, TrustedWalletProvider> previous = new HashMap<>();
        for (TrustedWalletProvider provider : em.createQuery("SELECT p FROM TrustedWalletProvider p", TrustedWalletProvider.class).getResultList()) {
            previous.put(provider.getIdentifier(), provider);
        }
        Set<String> listedNow = new LinkedHashSet<>();
        for (ListOfTrustedEntities.Entity entity : list.entities()) {
            List<ListOfTrustedEntities.Service> services = entity.services().stream().filter(s -> serviceType.equals(s.typeIdentifier())).toList();
            if (services.isEmpty()) {
                continue; // not a Wallet Provider's service in this list
            }
            String identifier = identifier(entity);
            if (!listedNow.add(identifier)) {
                changes.notes.add(entity.name() + ": listed twice under " + identifier + "; the first entry is read");
                continue;
            }
            TrustedWalletProvider existing = previous.get(identifier);
            if (existing != null && existing.getOrigin() == TrustOrigin.LOCAL) {
                changes.notes.add(entity.name() + ": " + identifier + " is on the trust list as a local entry, which stays as it is");
                audit.record(ACTOR, "trust.lote_entry_conflicts_with_local", existing.getId(), Map.of("identifier", identifier,
                        "sequence_number", String.valueOf(list.sequenceNumber())));
                continue;
            }
            take(existing, identifier, entity, services, list, now, changes);
        }
        for (TrustedWalletProvider provider : previous.values()) {
            if (provider.getOrigin() == TrustOrigin.LOTE && !listedNow.contains(provider.getIdentifier())
                    && provider.getState() != TrustState.WITHDRAWN) {
                withdraw(provider, "no longer in the List of Trusted Entities (sequence number " + list.sequenceNumber() + ")", changes);
            }
        }
        source.imported(location, list.sequenceNumber(), list.type(), list.issuedAt(), list.nextUpdate(), documentSha256,
                signed.format().name(), signed.signer().getSubjectX500Principal().getName(), PemCertificates.sha256Fingerprint(signed.signer()),
                listedNow.size(), now);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("location", location);
        details.put("sequence_number", String.valueOf(list.sequenceNumber()));
        details.put("issued_at", list.issuedAt().toString());
        details.put("next_update", list.nextUpdate().toString());
        details.put("signature", signed.format().name());
        details.put("signer", signed.signer().getSubjectX500Principal().getName());
        details.put("signer_sha256", PemCertificates.sha256Fingerprint(signed.signer()));
        details.put("document_sha256", documentSha256);
        details.put("wallet_providers", String.valueOf(listedNow.size()));
        details.put("added", String.valueOf(changes.added));
        details.put("changed", String.valueOf(changes.changed));
        details.put("suspended", String.valueOf(changes.suspended));
        details.put("withdrawn", String.valueOf(changes.withdrawn));
        details.put("granted_again", String.valueOf(changes.grantedAgain));
        if (!changes.notes.isEmpty()) {
            details.put("notes", String.join("; ", changes.notes));
        }
        audit.record(ACTOR, "trust.lote_imported", "lote", details);
        return new Result(Outcome.IMPORTED, list.sequenceNumber(), listedNow.size(), changes.added, changes.changed, changes.suspended,
                changes.withdrawn, changes.grantedAgain, List.copyOf(changes.notes));
    }

    private static void requireCurrent(ListOfTrustedEntities list, String expectedType, Instant now) throws LoteRefused {
        if (!expectedType.equals(list.type())) {
            throw new LoteRefused("LoTEType " + list.type() + " is not the list configured (" + expectedType + ")");
        }
        if (!now.isBefore(list.nextUpdate())) {
            throw new LoteRefused("the list is past its NextUpdate (" + list.nextUpdate() + "): it is no longer current");
        }
        if (list.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new LoteRefused("ListIssueDateTime " + list.issuedAt() + " is in the future");
        }
    }

    private static final class Changes {
        int added;
        int changed;
        int suspended;
        int withdrawn;
        int grantedAgain;
        final List<String> notes = new ArrayList<>();
    }

    private void take(TrustedWalletProvider existing, String identifier, ListOfTrustedEntities.Entity entity,
            List<ListOfTrustedEntities.Service> services, ListOfTrustedEntities list, Instant now, Changes changes) {
        TrustState listed = ListedStatus.of(services);
        String status = ListedStatus.representative(services, listed);
        List<X509Certificate> anchors = anchors(entity, services, listed, changes);
        Set<String> hosts = hosts(entity, services);
        String name = entity.name().length() > 256 ? entity.name().substring(0, 256) : entity.name();
        TrustedWalletProvider provider = existing;
        if (provider == null) {
            provider = TrustedWalletProvider.listed(UUID.randomUUID().toString(), identifier, name, now);
            for (X509Certificate anchor : anchors) {
                provider.addTrustAnchor(WalletProviderRegistry.anchorOf(anchor));
            }
            provider.replaceStatusListHosts(hosts);
            provider.listedIn(list.sequenceNumber(), list.issuedAt(), status, list.nextUpdate());
            if (listed == TrustState.SUSPENDED) {
                provider.suspend();
            } else if (listed == TrustState.WITHDRAWN) {
                provider.withdraw(now, "withdrawn in the List of Trusted Entities (sequence number " + list.sequenceNumber() + ")");
            }
            em.persist(provider);
            changes.added++;
            audit.record(ACTOR, "trust.wallet_provider_listed", provider.getId(), Map.of("identifier", identifier, "name", name,
                    "state", provider.getState().name(), "anchors", String.valueOf(anchors.size()),
                    "sequence_number", String.valueOf(list.sequenceNumber())));
            return;
        }
        boolean changed = !provider.getName().equals(name) | updateAnchors(provider, anchors) | !provider.getStatusListHosts().equals(hosts);
        provider.rename(name);
        provider.replaceStatusListHosts(hosts);
        provider.listedIn(list.sequenceNumber(), list.issuedAt(), status, list.nextUpdate());
        if (changed) {
            changes.changed++;
            audit.record(ACTOR, "trust.wallet_provider_list_changed", provider.getId(), Map.of("identifier", identifier, "name", name,
                    "anchors", String.join(",", provider.getTrustAnchors().stream().map(TrustAnchor::getSha256Fingerprint).sorted().toList()),
                    "status_list_hosts", String.join(",", hosts.stream().sorted().toList()),
                    "sequence_number", String.valueOf(list.sequenceNumber())));
        }
        if (provider.getState() == TrustState.WITHDRAWN) {
            return; // a withdrawal is final: a provider listed again is added anew by an administrator, never silently
        }
        if (listed == TrustState.WITHDRAWN) {
            withdraw(provider, "withdrawn in the List of Trusted Entities (sequence number " + list.sequenceNumber() + ")", changes);
        } else if (listed == TrustState.SUSPENDED && provider.getState() == TrustState.TRUSTED) {
            provider.suspend();
            changes.suspended++;
            String reason = "suspended in the List of Trusted Entities (sequence number " + list.sequenceNumber() + ")";
            audit.record(ACTOR, "trust.wallet_provider_suspended", provider.getId(), Map.of("reason", reason, "status", String.valueOf(status)));
            withdrawals.fire(new WalletProviderWithdrawn(provider.getId(), reason, ACTOR));
        } else if (listed == TrustState.TRUSTED && provider.getState() == TrustState.SUSPENDED) {
            provider.grantAgain();
            changes.grantedAgain++;
            audit.record(ACTOR, "trust.wallet_provider_granted_again", provider.getId(), Map.of("sequence_number",
                    String.valueOf(list.sequenceNumber()), "status", String.valueOf(status)));
        }
    }

    /** As an administrator's withdrawal: audited, and announced unless a suspension cascaded already. */
    private void withdraw(TrustedWalletProvider provider, String reason, Changes changes) {
        registry.withdraw(provider.getId(), reason, ACTOR);
        changes.withdrawn++;
    }

    /** Anchors that are not in {@code anchors} are removed, new ones added; true when anything changed. */
    private static boolean updateAnchors(TrustedWalletProvider provider, List<X509Certificate> anchors) {
        Map<String, X509Certificate> wanted = new LinkedHashMap<>();
        anchors.forEach(anchor -> wanted.put(PemCertificates.sha256Fingerprint(anchor), anchor));
        boolean changed = false;
        for (TrustAnchor stored : provider.getTrustAnchors()) {
            if (wanted.remove(stored.getSha256Fingerprint()) == null) {
                provider.removeTrustAnchor(stored);
                changed = true;
            }
        }
        for (X509Certificate added : wanted.values()) {
            provider.addTrustAnchor(WalletProviderRegistry.anchorOf(added));
            changed = true;
        }
        return changed;
    }

    /** The CA certificates of the services in the entity's status (a granted entity: of its granted services only). */
    private static List<X509Certificate> anchors(ListOfTrustedEntities.Entity entity, List<ListOfTrustedEntities.Service> services,
            TrustState listed, Changes changes) {
        Map<String, X509Certificate> anchors = new LinkedHashMap<>();
        for (ListOfTrustedEntities.Service service : services) {
            if (listed == TrustState.TRUSTED && ListedStatus.of(service.status()) != TrustState.TRUSTED) {
                continue;
            }
            for (X509Certificate certificate : service.certificates()) {
                if (certificate.getBasicConstraints() < 0) {
                    changes.notes.add(entity.name() + ": " + certificate.getSubjectX500Principal().getName() + " is not a CA certificate; not an anchor");
                    continue;
                }
                anchors.put(PemCertificates.sha256Fingerprint(certificate), certificate);
            }
        }
        return List.copyOf(anchors.values());
    }

    /** The entity's first http(s) information URI, else a name of the list's own: the entry's identity from one version to the next. */
    static String identifier(ListOfTrustedEntities.Entity entity) {
        for (String uri : entity.informationUris()) {
            String lower = uri.toLowerCase(Locale.ROOT);
            if ((lower.startsWith("https://") || lower.startsWith("http://")) && uri.length() <= 512) {
                return uri;
            }
        }
        String name = "urn:lote:entity:" + entity.name();
        return name.length() > 512 ? name.substring(0, 512) : name;
    }

    /** The hosts of the entity's information URIs and of its services' supply points: where its status lists may be fetched from. */
    private static Set<String> hosts(ListOfTrustedEntities.Entity entity, List<ListOfTrustedEntities.Service> services) {
        Set<String> hosts = new LinkedHashSet<>();
        List<String> uris = new ArrayList<>(entity.informationUris());
        services.forEach(service -> uris.addAll(service.supplyPoints()));
        for (String value : uris) {
            try {
                URI uri = URI.create(value);
                if (uri.getHost() != null && hosts.size() < StatusListHosts.MAX_HOSTS) {
                    StatusListHosts.normalized(uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")).ifPresent(hosts::add);
                }
            } catch (IllegalArgumentException e) {
                // a supply point that is not a URI names no host
            }
        }
        return hosts;
    }
}
