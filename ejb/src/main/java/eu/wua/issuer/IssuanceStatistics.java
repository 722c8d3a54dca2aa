package eu.wua.issuer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** How much the issuer issued, for the console's dashboard. */
@Stateless
public class IssuanceStatistics {

    /** Credentials issued in the hour that begins at {@code hour}. */
    public record Hour(Instant hour, long credentials) {
    }

    @PersistenceContext(unitName = "wua")
    private EntityManager em;

    /** Credentials issued since {@code since} by the grant their authorization came from (pre-authorized, authorization code). */
    public Map<String, Long> perFlow(Instant since) {
        Map<String, Long> counts = new HashMap<>(Map.of(CredentialOffer.PRE_AUTHORIZED_GRANT, 0L, CredentialOffer.AUTHORIZATION_CODE_GRANT, 0L));
        em.createQuery("SELECT o.grantType, COUNT(c) FROM IssuedCredential c, CredentialOffer o WHERE c.offerId = o.id AND c.issuedAt >= :since"
                + " GROUP BY o.grantType", Object[].class).setParameter("since", since).getResultList()
                .forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }

    /** The last {@code hours} whole hours and the current one, oldest first (one indexed count each). */
    public List<Hour> perHour(Instant now, int hours) {
        Instant current = now.truncatedTo(ChronoUnit.HOURS);
        List<Hour> result = new ArrayList<>();
        for (int i = hours; i >= 0; i--) {
            Instant start = current.minus(Duration.ofHours(i));
            long count = em.createQuery("SELECT COUNT(c) FROM IssuedCredential c WHERE c.issuedAt >= :start AND c.issuedAt < :end", Long.class)
                    .setParameter("start", start).setParameter("end", start.plus(Duration.ofHours(1))).getSingleResult();
            result.add(new Hour(start, count));
        }
        return result;
    }
}
