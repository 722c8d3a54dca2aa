package eu.wua.status;

import java.time.Instant;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import eu.wua.issuer.CredentialOffer;
import eu.wua.issuer.IssuedCredential;
import eu.wua.issuer.UsedKeyAttestation;
import eu.wua.trust.TrustedWalletProvider;

/** CascadeResumptionIT's hands in the database: many issued credentials at once, a job a crashed node left. */
@Stateless
public class CascadeProbe {

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    @Inject
    private StatusListAllocator allocator;

    @Inject
    private RevocationCascades cascades;

    /** {@code count} credentials issued on the attestations of a new Wallet Provider; answers its id. */
    public String credentialsOfANewWalletProvider(int count) {
        String[] ids = newWalletProviderWithOffer();
        addCredentials(ids, count);
        return ids[0];
    }

    /** A Wallet Provider, an offer and a used KA to hang credentials on: {provider, offer, ka}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public String[] newWalletProviderWithOffer() {
        Instant now = Instant.now();
        String provider = UUID.randomUUID().toString();
        em.persist(new TrustedWalletProvider(provider, "https://" + provider + ".example", "Cascade test WP", now));
        String offer = UUID.randomUUID().toString();
        em.persist(new CredentialOffer(offer, "eu.europa.ec.eudi.pid_vc_sd_jwt", UUID.randomUUID().toString().replace("-", ""), "-", "{}",
                "test", now, now.plusSeconds(600)));
        String ka = UUID.randomUUID().toString().replace("-", "");
        em.persist(new UsedKeyAttestation(ka, now));
        return new String[] {provider, offer, ka};
    }

    /** {@code count} more credentials on {@code ids} (from {@link #newWalletProviderWithOffer}), in one transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void addCredentials(String[] ids, int count) {
        Instant now = Instant.now();
        String provider = ids[0];
        String offer = ids[1];
        String ka = ids[2];
        IssuedCredential.Basis basis = new IssuedCredential.Basis(offer, "eu.europa.ec.eudi.pid_vc_sd_jwt", provider, ka, null, null);
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            StatusListEntry.Position position = allocator.allocate("pid", "credential", id);
            em.persist(new IssuedCredential(id, basis, "thumbprint-" + i, position.listId(), position.index(), now, now.plusSeconds(86400)));
            if (i % 500 == 499) {
                em.flush();
                em.clear();
            }
        }
    }

    /** The job of withdrawing {@code provider}, held by a node that will not come back. */
    public String jobOfACrashingNode(String provider) {
        RevocationJob job = cascades.start(RevocationJob.Kind.wallet_provider, provider, "resumption test", "test");
        em.flush();
        em.createQuery("UPDATE RevocationJob j SET j.leaseOwner = 'crashed-node', j.leaseUntil = :until WHERE j.id = :id")
                .setParameter("until", Instant.now().plusSeconds(3600)).setParameter("id", job.getId()).executeUpdate();
        return job.getId();
    }

    /** The node crashes: its lease is over, its work so far committed. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void crash(String jobId) {
        em.createQuery("UPDATE RevocationJob j SET j.leaseUntil = :past WHERE j.id = :id")
                .setParameter("past", Instant.now().minusSeconds(1)).setParameter("id", jobId).executeUpdate();
    }

    public RevocationJob job(String id) {
        return em.find(RevocationJob.class, id);
    }

    public long revokedCredentialsOf(String provider) {
        return em.createQuery("SELECT COUNT(c) FROM IssuedCredential c, StatusListEntry e WHERE c.walletProviderId = :provider"
                + " AND e.position.listId = c.statusListId AND e.position.index = c.statusIndex AND e.status = 1", Long.class)
                .setParameter("provider", provider).getSingleResult();
    }

    /** Credentials of {@code provider}, and the distinct status list positions among them: {credentials, positions}. */
    public long[] credentialsAndPositionsOf(String provider) {
        long credentials = em.createQuery("SELECT COUNT(c) FROM IssuedCredential c WHERE c.walletProviderId = :provider", Long.class)
                .setParameter("provider", provider).getSingleResult();
        long positions = em.createQuery("SELECT COUNT(DISTINCT CONCAT(c.statusListId, ':', c.statusIndex)) FROM IssuedCredential c"
                + " WHERE c.walletProviderId = :provider", Long.class).setParameter("provider", provider).getSingleResult();
        return new long[] {credentials, positions};
    }
}
