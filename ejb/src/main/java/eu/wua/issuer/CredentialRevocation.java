package eu.wua.issuer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.audit.AuditTrail;
import eu.wua.status.StatusEntries;
import eu.wua.status.StatusListEntry;

/**
 * An administrator's revocation of issued credentials: one credential together with its batch (the
 * siblings issued on the same Key Attestation: revoking a PID must not leave its copies valid),
 * just the one when asked, every credential of an offer or of a person; suspension and reinstatement of one.
 */
@Stateless
public class CredentialRevocation {

    public enum Change { REVOKED, SUSPENDED, REINSTATED, UNCHANGED }

    public record Outcome(String credentialId, int changed, Change change, String detail) {
    }

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private StatusEntries statusEntries;

    @Inject
    private AuditTrail audit;

    /** The credential at a position of the issuer's status list (what a relying party or a support call can name). */
    public Optional<IssuedCredential> atStatusPosition(String listId, int index) {
        return em.createQuery("SELECT c FROM IssuedCredential c WHERE c.statusListId = :list AND c.statusIndex = :idx", IssuedCredential.class)
                .setParameter("list", listId).setParameter("idx", index).getResultStream().findFirst();
    }

    /** Empty for an unknown credential. */
    public Optional<Outcome> revoke(String credentialId, boolean onlyThis, String reason, String actor) {
        IssuedCredential credential = em.find(IssuedCredential.class, credentialId);
        if (credential == null) {
            return Optional.empty();
        }
        List<IssuedCredential> affected = onlyThis ? List.of(credential)
                : em.createQuery("SELECT c FROM IssuedCredential c WHERE c.keyAttestationHash = :ka ORDER BY c.id", IssuedCredential.class)
                        .setParameter("ka", credential.getKeyAttestationHash()).getResultList();
        int changed = revokeAll(affected);
        audit.record(actor, "credential.revoked", credentialId, Map.of("scope", onlyThis ? "credential" : "batch",
                "credentials", String.valueOf(affected.size()), "changed", String.valueOf(changed), "reason", reason == null ? "" : reason));
        return Optional.of(new Outcome(credentialId, changed, changed > 0 ? Change.REVOKED : Change.UNCHANGED,
                onlyThis ? "this credential only" : "its batch of " + affected.size()));
    }

    /** Every credential issued on one offer (one identity proofing of one person). */
    public Optional<Outcome> revokeOffer(String offerId, String reason, String actor) {
        if (em.find(CredentialOffer.class, offerId) == null) {
            return Optional.empty();
        }
        List<IssuedCredential> affected = em.createQuery("SELECT c FROM IssuedCredential c WHERE c.offerId = :offer ORDER BY c.id",
                IssuedCredential.class).setParameter("offer", offerId).getResultList();
        int changed = revokeAll(affected);
        audit.record(actor, "credential.revoked", offerId, Map.of("scope", "offer", "credentials", String.valueOf(affected.size()),
                "changed", String.valueOf(changed), "reason", reason == null ? "" : reason));
        return Optional.of(new Outcome(offerId, changed, changed > 0 ? Change.REVOKED : Change.UNCHANGED, "every credential of the offer"));
    }

    /**
     * Every credential of one person, across all offers made for them (matched on the identifying
     * PID attributes, see {@link PidSubject}); empty when no offer was made for that person. The
     * audit event names the offers, not the person.
     */
    public Optional<Outcome> revokeSubject(JsonObject subject, String reason, String actor) {
        Optional<String> reference = PidSubject.reference(subject);
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        List<String> offers = em.createQuery("SELECT o.id FROM CredentialOffer o WHERE o.subjectRef = :subject ORDER BY o.createdAt", String.class)
                .setParameter("subject", reference.get()).getResultList();
        if (offers.isEmpty()) {
            return Optional.empty();
        }
        List<IssuedCredential> affected = em.createQuery("SELECT c FROM IssuedCredential c WHERE c.offerId IN :offers ORDER BY c.id",
                IssuedCredential.class).setParameter("offers", offers).getResultList();
        int changed = revokeAll(affected);
        audit.record(actor, "credential.revoked", null, Map.of("scope", "subject", "offers", String.join(",", offers),
                "credentials", String.valueOf(affected.size()), "changed", String.valueOf(changed), "reason", reason == null ? "" : reason));
        return Optional.of(new Outcome("subject", changed, changed > 0 ? Change.REVOKED : Change.UNCHANGED,
                "every credential of the person: " + affected.size() + " on " + offers.size() + " offer(s)"));
    }

    /** A valid credential becomes suspended; any other state stays as it is. */
    public Optional<Outcome> suspend(String credentialId, String reason, String actor) {
        return move(credentialId, StatusListEntry.VALID, StatusListEntry.SUSPENDED, Change.SUSPENDED, "credential.suspended", reason, actor);
    }

    /** A suspended credential becomes valid again; a revoked one never does. */
    public Optional<Outcome> reinstate(String credentialId, String reason, String actor) {
        return move(credentialId, StatusListEntry.SUSPENDED, StatusListEntry.VALID, Change.REINSTATED, "credential.reinstated", reason, actor);
    }

    private Optional<Outcome> move(String credentialId, short from, short to, Change change, String event, String reason, String actor) {
        IssuedCredential credential = em.find(IssuedCredential.class, credentialId);
        if (credential == null) {
            return Optional.empty();
        }
        short before = statusEntries.move(credential.getStatusListId(), credential.getStatusIndex(), from, to);
        if (before != from) {
            return Optional.of(new Outcome(credentialId, 0, Change.UNCHANGED, "the credential's status is " + describe(before)));
        }
        audit.record(actor, event, credentialId, Map.of("reason", reason == null ? "" : reason));
        return Optional.of(new Outcome(credentialId, 1, change, "now " + describe(to)));
    }

    private int revokeAll(List<IssuedCredential> credentials) {
        int changed = 0;
        for (IssuedCredential credential : credentials) {
            if (statusEntries.revoke(credential.getStatusListId(), credential.getStatusIndex())) {
                changed++;
            }
        }
        return changed;
    }

    static String describe(short status) {
        return StatusEntries.describe(status);
    }
}
