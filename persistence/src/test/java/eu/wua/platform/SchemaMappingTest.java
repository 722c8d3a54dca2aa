package eu.wua.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

import eu.wua.console.ConsoleRole;
import eu.wua.console.ConsoleUser;
import eu.wua.console.SignInSource;
import eu.wua.issuer.CredentialConfiguration;
import eu.wua.trust.TrustAnchor;
import eu.wua.trust.TrustState;
import eu.wua.trust.TrustedWalletProvider;

/**
 * The entities against the schema Flyway builds, on the database the build names (H2 by default,
 * PostgreSQL with -Ppostgresql): Hibernate validates every mapped column, then data round-trips.
 */
class SchemaMappingTest {

    private static SessionFactory sessions;

    @BeforeAll
    static void migrateAndMap() throws Exception {
        String url = System.getProperty("wua.db.url", "jdbc:h2:mem:mapping;DB_CLOSE_DELAY=-1");
        String user = System.getProperty("wua.db.user", "sa");
        String password = System.getProperty("wua.db.password", "sa");
        Flyway.configure().dataSource(url, user, password).load().migrate();

        Configuration configuration = new Configuration()
                .setProperty("hibernate.connection.url", url)
                .setProperty("hibernate.connection.username", user)
                .setProperty("hibernate.connection.password", password)
                .setProperty("hibernate.hbm2ddl.auto", "validate");
        for (Class<?> mapped : classesListedInPersistenceXml()) {
            configuration.addAnnotatedClass(mapped);
        }
        sessions = configuration.buildSessionFactory();
    }

    @AfterAll
    static void close() {
        if (sessions != null) {
            sessions.close();
        }
    }

    /** persistence.xml is the one list of mapped classes; the test reads it rather than repeat it. */
    private static List<Class<?>> classesListedInPersistenceXml() throws Exception {
        try (InputStream xml = SchemaMappingTest.class.getResourceAsStream("/META-INF/persistence.xml")) {
            NodeList classes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml)
                    .getElementsByTagName("class");
            List<Class<?>> result = new ArrayList<>();
            for (int i = 0; i < classes.getLength(); i++) {
                result.add(Class.forName(classes.item(i).getTextContent().trim()));
            }
            return result;
        }
    }

    @Test
    void aTrustedWalletProviderWithItsAnchorRoundTrips() {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        sessions.inTransaction(em -> {
            TrustedWalletProvider provider = new TrustedWalletProvider(id, "https://wp.example/" + id, "Example WP", now);
            provider.addTrustAnchor(new TrustAnchor("CN=Example CA", "ab".repeat(32), now.plus(365, ChronoUnit.DAYS),
                    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"));
            em.persist(provider);
        });

        TrustedWalletProvider read = sessions.fromTransaction(em -> em.find(TrustedWalletProvider.class, id));

        assertEquals(TrustState.TRUSTED, read.getState());
        assertEquals(1, read.getTrustAnchors().size());
        assertEquals("CN=Example CA", read.getTrustAnchors().get(0).getSubject());
        assertEquals(now, read.getCreatedAt());
    }

    @Test
    void aConsoleUserKeepsItsRolesAndLockout() {
        String name = "user-" + UUID.randomUUID();
        Instant now = Instant.now();
        sessions.inTransaction(em -> {
            ConsoleUser user = new ConsoleUser(name, "PBKDF2WithHmacSHA256:...",
                    EnumSet.of(ConsoleRole.ADMINISTRATOR, ConsoleRole.COMPLIANCE_OFFICER), now);
            for (int i = 0; i < 5; i++) {
                user.recordFailedLogin(5, now, java.time.Duration.ofMinutes(15));
            }
            em.persist(user);
            SignInSource source = new SignInSource(name, "192.0.2.1", now);
            source.recordFailure(1, now, now.plus(15, ChronoUnit.MINUTES));
            em.persist(source);
        });

        ConsoleUser read = sessions.fromTransaction(em -> em.find(ConsoleUser.class, name));

        assertEquals(EnumSet.of(ConsoleRole.ADMINISTRATOR, ConsoleRole.COMPLIANCE_OFFICER), read.getRoles());
        assertTrue(read.isLockedAt(now.plus(1, ChronoUnit.MINUTES)));
        assertFalse(read.isLockedAt(now.plus(16, ChronoUnit.MINUTES)));
        assertEquals(5, read.failedLoginsAt(now.plus(1, ChronoUnit.MINUTES), java.time.Duration.ofMinutes(15)));
        SignInSource source = sessions.fromTransaction(em -> em.find(SignInSource.class, new SignInSource.Key(name, "192.0.2.1")));
        assertTrue(source.isLockedAt(now.plus(1, ChronoUnit.MINUTES)));
    }

    @Test
    void theDatabaseRefusesABatchSizeOutsideThePolicyRange() {
        String id = "cfg-" + UUID.randomUUID();
        sessions.inTransaction(em -> em.persist(new CredentialConfiguration(id, "dc+sd-jwt", "urn:eudi:pid:1", 10,
                "once_only", "iso_18045_high", Instant.now())));

        // the entity refuses it, and so does the schema when something writes past the entity
        assertThrows(IllegalArgumentException.class,
                () -> sessions.inTransaction(em -> em.find(CredentialConfiguration.class, id).changeBatchSize(101, Instant.now())));
        assertThrows(Exception.class, () -> sessions.inTransaction(em -> em.createNativeQuery(
                "UPDATE credential_configuration SET batch_size = 0 WHERE id = :id").setParameter("id", id).executeUpdate()));
        assertEquals(10, sessions.fromTransaction(em -> em.find(CredentialConfiguration.class, id)).getBatchSize());
    }

    @Test
    void aBootstrapStepCanBeRecordedOnlyOnce() {
        String step = "step-" + UUID.randomUUID();
        sessions.inTransaction(em -> em.persist(new BootstrapStep(step, Instant.now())));
        assertThrows(Exception.class, () -> sessions.inTransaction(em -> {
            em.persist(new BootstrapStep(step, Instant.now()));
            em.flush();
        }));
    }
}
