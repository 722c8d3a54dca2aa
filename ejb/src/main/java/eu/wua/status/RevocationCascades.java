package eu.wua.status;

import java.time.Clock;
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
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import eu.wua.audit.AuditTrail;
import eu.wua.trust.WalletProviderWithdrawn;

/**
 * Carries a withdrawal of trust down to the credentials that rested on it: a wallet instance's WIAs
 * and KAs, a key store certification's KAs, or a Wallet Provider. {@link #start} records the job in
 * the transaction of the change that causes it; {@link #processNextChunk} then revokes at most
 * {@code wua.revocation.chunk-size} credentials per transaction, moving a cursor, so that a cascade
 * over 100,000 credentials is bounded, resumable after a crash, and always visible in its job row.
 * What it revokes it is handed: the status entries a withdrawal starts from by the Wallet Provider
 * ({@link CascadeCauses}, kept as the job's causes), the credentials resting on them or on a Wallet
 * Provider by the issuer ({@link RevocableCredentials}); it starts on the events that announce a
 * withdrawal ({@link WalletProviderWithdrawn}, {@link AttestationsWithdrawn}).
 */
@Stateless
public class RevocationCascades {

    /** The causes one chunk looks at together (a wallet instance has a few dozen; a certification may have millions). */
    static final int CAUSES_PER_CHUNK = 200;

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private StatusEntries statusEntries;

    @Inject
    private CascadeCauses causes;

    @Inject
    private RevocableCredentials credentials;

    @Inject
    private Clock clock;

    @Inject
    private AuditTrail audit;

    @Inject
    @ConfigProperty(name = "wua.revocation.chunk-size", defaultValue = "1000")
    int chunkSize;

    /** How long a node's claim on a job lasts without a chunk done: after it, another node takes the job over. */
    @Inject
    @ConfigProperty(name = "wua.revocation.lease", defaultValue = "PT60S")
    Duration lease;

    /** Joins the caller's transaction: the job exists exactly when the change that causes it happened. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public RevocationJob start(RevocationJob.Kind kind, String target, String reason, String actor) {
        String id = UUID.randomUUID().toString();
        List<StatusReference> causes = causesOf(kind, target);
        RevocationJob job = new RevocationJob(id, kind, target, reason == null ? "" : reason, actor, Math.toIntExact(count(kind, target, causes)),
                clock.instant());
        em.persist(job);
        recordCauses(id, causes);
        audit.record(actor, "cascade.started", id, Map.of("kind", kind.name(), "target", target, "credentials", String.valueOf(job.getTotal())));
        return job;
    }

    /** The cascade from a withdrawn Wallet Provider (trust announces it in the withdrawing transaction). */
    public void onWalletProviderWithdrawn(@Observes WalletProviderWithdrawn withdrawn) {
        start(RevocationJob.Kind.wallet_provider, withdrawn.walletProviderId(), withdrawn.reason(), withdrawn.actor());
    }

    /** The cascade from a revoked wallet instance or a withdrawn certification. */
    public void onAttestationsWithdrawn(@Observes AttestationsWithdrawn withdrawn) {
        start(withdrawn.kind(), withdrawn.target(), withdrawn.reason(), withdrawn.actor());
    }

    /** The newest cascade started from {@code target}, as the change that caused it answers. */
    public Optional<RevocationJob> startedFrom(RevocationJob.Kind kind, String target) {
        return em.createQuery("SELECT j FROM RevocationJob j WHERE j.kind = :kind AND j.target = :target ORDER BY j.createdAt DESC",
                RevocationJob.class).setParameter("kind", kind).setParameter("target", target).setMaxResults(1).getResultStream().findFirst();
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
        Instant now = clock.instant();
        return em.createQuery("UPDATE RevocationJob j SET j.leaseOwner = :node, j.leaseUntil = :until WHERE j.id = :id"
                        + " AND j.state = :running AND (j.leaseOwner IS NULL OR j.leaseOwner = :node OR j.leaseUntil < :now)")
                .setParameter("node", node).setParameter("until", now.plus(lease)).setParameter("id", jobId)
                .setParameter("running", RevocationJob.State.RUNNING).setParameter("now", now).executeUpdate() == 1;
    }

    /**
     * Revokes the next chunk of the job's credentials in a transaction of its own; answers whether
     * more remain. The cursor and the revocations commit together, so a crash repeats nothing and
     * skips nothing. A cascade from causes works through them a run at a time, and through the
     * credentials resting on a run in id order.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean processNextChunk(String jobId, String node) {
        RevocationJob job = em.find(RevocationJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.getState() != RevocationJob.State.RUNNING || !node.equals(job.getLeaseOwner())) {
            return false;
        }
        Instant now = clock.instant();
        if (job.getKind() == RevocationJob.Kind.wallet_provider) {
            return nextChunkIssuedOn(job, now);
        }
        if (job.getCauseCursor() == null) {
            // a job started before causes were recorded: they are asked for once, then worked as any other
            List<StatusReference> causes = causesOf(job.getKind(), job.getTarget());
            recordCauses(jobId, causes);
            job.causesRecorded(Math.toIntExact(count(job.getKind(), job.getTarget(), causes)), now);
            return true;
        }
        return nextChunkRestingOnCauses(job, now);
    }

    /** The next credentials issued on the withdrawn Wallet Provider's attestations, after the cursor. */
    private boolean nextChunkIssuedOn(RevocationJob job, Instant now) {
        List<RevocableCredentials.Entry> chunk = credentials.issuedOn(job.getTarget(), cursorOf(job), chunkSize);
        if (chunk.isEmpty()) {
            return finish(job, now);
        }
        job.advance(chunk.get(chunk.size() - 1).credentialId(), chunk.size(), revoke(chunk), now);
        return true;
    }

    /** The next credentials resting on the current run of causes; a run done, the next run starts from its first credential. */
    private boolean nextChunkRestingOnCauses(RevocationJob job, Instant now) {
        List<StatusReference> causes = causesFrom(job.getId(), job.getCauseCursor());
        if (causes.isEmpty()) {
            return finish(job, now);
        }
        List<RevocableCredentials.Entry> chunk = credentials.restingOn(causes, cursorOf(job), chunkSize);
        if (chunk.size() < chunkSize) {
            job.advanceCauses(job.getCauseCursor() + causes.size(), chunk.size(), revoke(chunk), now);
        } else {
            job.advance(chunk.get(chunk.size() - 1).credentialId(), chunk.size(), revoke(chunk), now);
        }
        return true;
    }

    private static String cursorOf(RevocationJob job) {
        return job.getCursorId() == null ? "" : job.getCursorId();
    }

    /** How many credentials a cascade from {@code target} reaches: what the console states before it asks to confirm. */
    public long reach(RevocationJob.Kind kind, String target) {
        return count(kind, target, causesOf(kind, target));
    }

    private List<StatusReference> causesOf(RevocationJob.Kind kind, String target) {
        return kind == RevocationJob.Kind.wallet_provider ? List.of() : causes.causes(kind, target);
    }

    private long count(RevocationJob.Kind kind, String target, List<StatusReference> causes) {
        if (kind == RevocationJob.Kind.wallet_provider) {
            return credentials.countIssuedOn(target);
        }
        long total = 0;
        for (int from = 0; from < causes.size(); from += CAUSES_PER_CHUNK) {
            total += credentials.countRestingOn(causes.subList(from, Math.min(causes.size(), from + CAUSES_PER_CHUNK)));
        }
        return total;
    }

    private void recordCauses(String jobId, List<StatusReference> causes) {
        for (int seq = 0; seq < causes.size(); seq++) {
            em.persist(new RevocationJobCause(jobId, seq, causes.get(seq)));
        }
    }

    private List<StatusReference> causesFrom(String jobId, int first) {
        return em.createQuery("SELECT c.entry FROM RevocationJobCause c WHERE c.jobId = :job AND c.seq >= :first ORDER BY c.seq",
                StatusReference.class).setParameter("job", jobId).setParameter("first", first).setMaxResults(CAUSES_PER_CHUNK).getResultList();
    }

    /** Each entry updated by its primary key: no credential or entry is loaded for a chunk. */
    private int revoke(List<RevocableCredentials.Entry> chunk) {
        Map<String, List<Integer>> byList = chunk.stream().collect(Collectors.groupingBy(RevocableCredentials.Entry::statusListId,
                Collectors.mapping(RevocableCredentials.Entry::statusIndex, Collectors.toList())));
        return byList.entrySet().stream().mapToInt(list -> statusEntries.revokeAll(list.getKey(), list.getValue())).sum();
    }

    private boolean finish(RevocationJob job, Instant now) {
        job.finish(now);
        audit.record("system:revocation", "cascade.finished", job.getId(), Map.of("kind", job.getKind().name(), "target", job.getTarget(),
                "processed", String.valueOf(job.getProcessed()), "revoked", String.valueOf(job.getRevoked())));
        return false;
    }
}
