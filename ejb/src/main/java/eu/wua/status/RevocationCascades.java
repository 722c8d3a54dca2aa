package eu.wua.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import eu.wua.audit.AuditTrail;

/**
 * Carries a withdrawal of trust down to the credentials that rested on it: a wallet instance's WIAs
 * and KAs, a key store certification's KAs, or a Wallet Provider. {@link #start} records the job in
 * the transaction of the change that causes it; {@link #processNextChunk} then revokes at most
 * {@code wua.revocation.chunk-size} credentials per transaction, moving a cursor, so that a cascade
 * over 100,000 credentials is bounded, resumable after a crash, and always visible in its job row.
 */
@Stateless
public class RevocationCascades {

    /** How long a node may work on a job before another may take it over. */
    static final Duration LEASE = Duration.ofSeconds(60);

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private StatusEntries statusEntries;

    @Inject
    private StatusListPublisher publisher;

    @Inject
    private AuditTrail audit;

    @Inject
    @ConfigProperty(name = "wua.revocation.chunk-size", defaultValue = "1000")
    int chunkSize;

    /** Joins the caller's transaction: the job exists exactly when the change that causes it happened. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public RevocationJob start(RevocationJob.Kind kind, String target, String reason, String actor) {
        String id = UUID.randomUUID().toString();
        int total = Math.toIntExact(count(kind, target));
        RevocationJob job = new RevocationJob(id, kind, target, reason == null ? "" : reason, actor, total, Instant.now());
        em.persist(job);
        audit.record(actor, "cascade.started", id, Map.of("kind", kind.name(), "target", target, "credentials", String.valueOf(total)));
        return job;
    }

    public Optional<RevocationJob> find(String id) {
        return Optional.ofNullable(em.find(RevocationJob.class, id));
    }

    public List<RevocationJob> recent(int max) {
        return em.createQuery("SELECT j FROM RevocationJob j ORDER BY j.createdAt DESC", RevocationJob.class).setMaxResults(max).getResultList();
    }

    public List<String> runningJobIds() {
        return em.createQuery("SELECT j.id FROM RevocationJob j WHERE j.state = :running ORDER BY j.createdAt", String.class)
                .setParameter("running", RevocationJob.State.RUNNING).getResultList();
    }

    /** Takes (or keeps) the job's lease for {@code node}; false while another node holds it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String jobId, String node) {
        Instant now = Instant.now();
        return em.createQuery("UPDATE RevocationJob j SET j.leaseOwner = :node, j.leaseUntil = :until WHERE j.id = :id"
                        + " AND j.state = :running AND (j.leaseOwner IS NULL OR j.leaseOwner = :node OR j.leaseUntil < :now)")
                .setParameter("node", node).setParameter("until", now.plus(LEASE)).setParameter("id", jobId)
                .setParameter("running", RevocationJob.State.RUNNING).setParameter("now", now).executeUpdate() == 1;
    }

    /**
     * Revokes the next chunk of the job's credentials in a transaction of its own; answers whether
     * more remain. The cursor and the revocations commit together, so a crash repeats nothing and
     * skips nothing.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean processNextChunk(String jobId, String node) {
        RevocationJob job = em.find(RevocationJob.class, jobId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.getState() != RevocationJob.State.RUNNING || !node.equals(job.getLeaseOwner())) {
            return false;
        }
        // ids and positions only, and each entry updated by its primary key: no entity is loaded for a chunk
        List<Object[]> chunk = query(job.getKind(), job.getTarget(), "SELECT c.id, c.statusListId, c.statusIndex FROM IssuedCredential c",
                Object[].class, job.getCursorId() == null ? "" : job.getCursorId()).setMaxResults(chunkSize).getResultList();
        Instant now = Instant.now();
        if (chunk.isEmpty()) {
            job.finish(now);
            audit.record("system:revocation", "cascade.finished", jobId, Map.of("kind", job.getKind().name(), "target", job.getTarget(),
                    "processed", String.valueOf(job.getProcessed()), "revoked", String.valueOf(job.getRevoked())));
            return false;
        }
        Map<String, List<Integer>> byList = chunk.stream().collect(Collectors.groupingBy(row -> (String) row[1],
                Collectors.mapping(row -> (Integer) row[2], Collectors.toList())));
        int revoked = byList.entrySet().stream().mapToInt(list -> statusEntries.revokeAll(list.getKey(), list.getValue())).sum();
        job.advance((String) chunk.get(chunk.size() - 1)[0], chunk.size(), revoked, now);
        return true;
    }

    /** How many credentials a cascade from {@code target} reaches: what the console states before it asks to confirm. */
    public long reach(RevocationJob.Kind kind, String target) {
        return count(kind, target);
    }

    private long count(RevocationJob.Kind kind, String target) {
        return query(kind, target, "SELECT COUNT(c) FROM IssuedCredential c", Long.class, "").getSingleResult();
    }

    /** The credentials a cascade reaches, after {@code cursor}, in id order. */
    private <T> TypedQuery<T> query(RevocationJob.Kind kind, String target, String select, Class<T> type, String cursor) {
        // the Wallet Provider's lists, as its WIAs and KAs name them (the same base for wia-N and ka-N)
        String lists = publisher.uri(StatusListPublisher.Family.KA, "");
        String where = switch (kind) {
            case wallet_instance -> " WHERE c.id > :cursor AND (EXISTS (SELECT k.id FROM KeyAttestationRecord k WHERE k.instanceId = :target"
                    + " AND c.kaStatusIndex = k.statusIndex AND c.kaStatusUri = CONCAT(:lists, k.statusListId))"
                    + " OR EXISTS (SELECT w.id FROM WalletInstanceAttestationRecord w WHERE w.instanceId = :target"
                    + " AND c.wiaStatusIndex = w.statusIndex AND c.wiaStatusUri = CONCAT(:lists, w.statusListId)))";
            case certification -> " WHERE c.id > :cursor AND EXISTS (SELECT k.id FROM KeyAttestationRecord k WHERE k.certificationId = :target"
                    + " AND c.kaStatusIndex = k.statusIndex AND c.kaStatusUri = CONCAT(:lists, k.statusListId))";
            case wallet_provider -> " WHERE c.id > :cursor AND c.walletProviderId = :target";
        };
        boolean ordered = !select.startsWith("SELECT COUNT");
        TypedQuery<T> query = em.createQuery(select + where + (ordered ? " ORDER BY c.id" : ""), type)
                .setParameter("cursor", cursor).setParameter("target", target);
        if (kind != RevocationJob.Kind.wallet_provider) {
            query.setParameter("lists", lists);
        }
        return query;
    }
}
