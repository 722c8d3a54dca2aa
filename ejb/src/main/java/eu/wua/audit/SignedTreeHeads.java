package eu.wua.audit;

import static eu.wua.platform.JsonFactory.JSON;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.verify.AuditRecordFormat;
import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.wscd.WscdException;

/** The audit log's tree heads signed by the audit key in the WSCD: at every seal and for every export; a verifier needs only the audit certificate. */
@Stateless
public class SignedTreeHeads {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private PlatformKeys platformKeys;

    /** Signs the head of a log of {@code treeSize} records with root {@code rootHash} and keeps it (in the caller's transaction). */
    public AuditCheckpoint sign(long treeSize, String rootHash, String reason) throws WscdException {
        Instant now = clock.instant();
        JsonObject header = JSON.createObjectBuilder().add("alg", "ES256").add("typ", AuditRecordFormat.TREE_HEAD_TYPE).build();
        JsonObject claims = JSON.createObjectBuilder(AuditRecordFormat.treeHeadClaims(treeSize, rootHash, now)).build();
        AuditCheckpoint head = AuditCheckpoint.treeHead(treeSize, rootHash, now, reason,
                platformKeys.signCompactJws(PlatformKeyPurpose.AUDIT_CHECKPOINT, header, claims));
        em.persist(head);
        return head;
    }

    /** The newest signed tree head. */
    public Optional<AuditCheckpoint> latest() {
        return em.createQuery("SELECT c FROM AuditCheckpoint c WHERE c.format = :tree ORDER BY c.seq DESC, c.id DESC", AuditCheckpoint.class)
                .setParameter("tree", AuditCheckpoint.TREE).setMaxResults(1).getResultStream().findFirst();
    }

    /** A signed head of the log when it held exactly {@code treeSize} records. */
    public Optional<AuditCheckpoint> ofSize(long treeSize) {
        return em.createQuery("SELECT c FROM AuditCheckpoint c WHERE c.format = :tree AND c.seq = :size ORDER BY c.id DESC", AuditCheckpoint.class)
                .setParameter("tree", AuditCheckpoint.TREE).setParameter("size", treeSize).setMaxResults(1).getResultStream().findFirst();
    }

    /** Up to {@code max} signed tree heads of at most {@code atMost} records, the largest first. */
    public List<AuditCheckpoint> upTo(long atMost, int max) {
        return em.createQuery("SELECT c FROM AuditCheckpoint c WHERE c.format = :tree AND c.seq <= :size ORDER BY c.seq DESC, c.id DESC",
                AuditCheckpoint.class).setParameter("tree", AuditCheckpoint.TREE).setParameter("size", atMost).setMaxResults(max).getResultList();
    }
}
