package eu.wua.issuer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.status.StatusEntries;
import eu.wua.status.StatusListEntry;
import eu.wua.status.StatusListReader;
import eu.wua.status.StatusReference;
import eu.wua.status.StatusUnknown;

/**
 * One pass of the 24-hour re-check (TS3 §2.4.3), in bounded transactions: the lease, then chunks of
 * live credentials whose WIA and KA statuses are read from the Wallet Providers' lists (over HTTP,
 * as for any provider), then the report. A revoked WIA or KA revokes the credential; a list that
 * cannot be read is counted as unresolved and reported, never taken as valid.
 */
@Stateless
public class StatusRecheckRun {

    static final Duration LEASE = Duration.ofMinutes(5);
    static final int CHUNK = 500;

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private StatusListReader lists;

    @Inject
    private StatusEntries statusEntries;

    @Inject
    private AuditTrail audit;

    /** Takes the lease for {@code node}, unless another node holds it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String node, boolean starting) {
        Instant now = clock.instant();
        boolean claimed = em.createQuery("UPDATE StatusRecheckState s SET s.leaseOwner = :node, s.leaseUntil = :until WHERE s.id = 1"
                        + " AND (s.leaseOwner IS NULL OR s.leaseOwner = :node OR s.leaseUntil < :now)")
                .setParameter("node", node).setParameter("until", now.plus(LEASE)).setParameter("now", now).executeUpdate() == 1;
        if (claimed && starting) {
            em.find(StatusRecheckState.class, StatusRecheckState.ID).started(now);
        }
        return claimed;
    }

    /** Checks the next chunk after {@code cursor}; answers the new cursor, or null when every live credential was seen. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String checkChunk(String cursor, Set<String> unreadableLists) {
        Instant now = clock.instant();
        List<IssuedCredential> chunk = em.createQuery("SELECT c FROM IssuedCredential c WHERE c.id > :cursor AND c.expiresAt > :now"
                + " ORDER BY c.id", IssuedCredential.class).setParameter("cursor", cursor).setParameter("now", now)
                .setMaxResults(CHUNK).getResultList();
        int checked = 0;
        int revoked = 0;
        int unresolved = 0;
        String problem = null;
        for (IssuedCredential credential : chunk) {
            Optional<Short> own = statusEntries.status(credential.getStatusListId(), credential.getStatusIndex());
            if (own.isEmpty() || own.get() == StatusListEntry.INVALID) {
                continue;
            }
            checked++;
            try {
                boolean upstreamRevoked = revokedUpstream(credential.getWiaStatus(), credential, now, unreadableLists)
                        | revokedUpstream(credential.getKaStatus(), credential, now, unreadableLists);
                if (upstreamRevoked && statusEntries.revoke(credential.getStatusListId(), credential.getStatusIndex())) {
                    revoked++;
                    audit.record("system:status-recheck", "credential.revoked", credential.getId(), Map.of("scope", "recheck",
                            "reason", "its WIA or KA is revoked"));
                }
            } catch (StatusUnknown e) {
                unresolved++;
                problem = e.getMessage();
            }
        }
        StatusRecheckState state = em.find(StatusRecheckState.class, StatusRecheckState.ID, LockModeType.PESSIMISTIC_WRITE);
        state.counted(checked, revoked, unresolved, problem);
        return chunk.isEmpty() ? null : chunk.get(chunk.size() - 1).getId();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void finish() {
        StatusRecheckState state = em.find(StatusRecheckState.class, StatusRecheckState.ID, LockModeType.PESSIMISTIC_WRITE);
        state.finished(clock.instant());
        audit.record("system:status-recheck", "recheck.finished", null, Map.of("checked", String.valueOf(state.getChecked()),
                "revoked", String.valueOf(state.getRevoked()), "unresolved", String.valueOf(state.getUnresolved()),
                "problem", state.getLastProblem() == null ? "" : state.getLastProblem()));
    }

    public StatusRecheckState state() {
        return em.find(StatusRecheckState.class, StatusRecheckState.ID);
    }

    /** A list that failed once in a run is not asked again in that run (one timeout, not one per credential). */
    private boolean revokedUpstream(StatusReference reference, IssuedCredential credential, Instant now, Set<String> unreadableLists)
            throws StatusUnknown {
        if (reference == null) {
            return false;
        }
        String uri = reference.uri();
        int index = reference.index();
        if (unreadableLists.contains(uri)) {
            throw new StatusUnknown("the status list " + uri + " could not be read in this run");
        }
        try {
            return lists.status(uri, index, credential.getWalletProviderId(), now) != StatusListEntry.VALID;
        } catch (StatusUnknown e) {
            unreadableLists.add(uri);
            throw e;
        }
    }
}
