package eu.wua.trust;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import eu.wua.platform.Digests;

/**
 * Keeps the trust list's listed part current: every {@code wua.trust.lote.check-interval} each node asks
 * whether a refresh is due ({@link #due}); the node that takes the lease fetches the list, has its
 * signature checked ({@link LoteSignature}), reads it ({@link LoteFormat}) and takes it in
 * ({@link LoteImport}). A failure is recorded and the last valid list stays until its NextUpdate; after
 * that its providers are refused ({@link TrustList}) and readiness says so. An administrator can refresh
 * at once ({@link #refreshNow}).
 */
@Singleton
@Startup
@DependsOn({"DatabaseMigration", "LoteSettings"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LoteRefresh {

    private static final Logger LOG = Logger.getLogger(LoteRefresh.class.getName());

    public enum Outcome {
        IMPORTED,
        UNCHANGED,
        FAILED,
        /** Another node is refreshing: its result lands in the database. */
        BUSY,
        NOT_CONFIGURED
    }

    /** What a refresh did: its outcome, in words, and the import's counts when it imported. */
    public record Refresh(Outcome outcome, String message, LoteImport.Result result) {
    }

    /** The shortest time between refreshes as a list nears its NextUpdate. */
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

    private final String node = "node-" + UUID.randomUUID();

    @Inject
    private LoteSettings settings;

    @Inject
    private LoteImport imports;

    @Inject
    private Clock clock;

    @Inject
    @ConfigProperty(name = "wua.trust.lote.check-interval", defaultValue = "PT30S")
    Duration checkInterval;

    @Resource
    private TimerService timers;

    @PostConstruct
    void schedule() {
        if (settings.location().isPresent()) {
            timers.createIntervalTimer(1000, Math.max(1000, checkInterval.toMillis()), new TimerConfig("lote-refresh", false));
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        try {
            if (due(imports.source(), clock.instant())) {
                Refresh refresh = refreshNow();
                if (refresh.outcome() == Outcome.FAILED) {
                    LOG.log(Level.WARNING, "the List of Trusted Entities was not refreshed: {0}", refresh.message());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the List of Trusted Entities refresh stopped; the next check tries again: {0}", e.getMessage());
        }
    }

    /** Never tried; failed last and the retry interval passed; or the refresh interval passed, or half the time to NextUpdate. */
    boolean due(LoteSource source, Instant now) {
        if (source.getLastAttemptAt() == null) {
            return true;
        }
        if (source.getLastFailureAt() != null) {
            return !now.isBefore(source.getLastAttemptAt().plus(settings.retryInterval()));
        }
        Duration every = settings.refreshInterval();
        if (source.getNextUpdate() != null && source.getLastSuccessAt() != null) {
            Duration half = Duration.between(source.getLastSuccessAt(), source.getNextUpdate()).dividedBy(2);
            if (!half.isNegative() && half.compareTo(every) < 0) {
                every = half.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : half;
            }
        }
        return !now.isBefore(source.getLastAttemptAt().plus(every));
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Refresh refreshNow() {
        if (settings.location().isEmpty()) {
            return new Refresh(Outcome.NOT_CONFIGURED, "no List of Trusted Entities is configured (wua.trust.lote.url or wua.trust.lote.file)", null);
        }
        String location = settings.location().get();
        if (!imports.claim(node, settings.timeout().multipliedBy(2).plusMinutes(1))) {
            return new Refresh(Outcome.BUSY, "another node is refreshing the list", null);
        }
        try {
            byte[] document = LoteFetch.read(location, settings.fromUrl(), settings.maxSize(), settings.timeout());
            LoteSignature.SignedList signed = LoteSignature.verify(document, settings.pinnedSigners(), clock.instant());
            ListOfTrustedEntities list = signed.format() == LoteSignature.Format.XADES ? LoteFormat.parseXml(signed.content())
                    : LoteFormat.parseJson(signed.content());
            LoteImport.Result result = imports.apply(list, signed, location, Digests.sha256Hex(document), settings.listType(), settings.serviceType());
            return new Refresh(result.outcome() == LoteImport.Outcome.IMPORTED ? Outcome.IMPORTED : Outcome.UNCHANGED,
                    (result.outcome() == LoteImport.Outcome.IMPORTED ? "imported" : "unchanged") + ": sequence number " + result.sequenceNumber()
                            + ", " + result.listed() + " Wallet Provider(s)", result);
        } catch (LoteRefused e) {
            imports.failed(location, e.getMessage());
            return new Refresh(Outcome.FAILED, e.getMessage(), null);
        } catch (RuntimeException | LinkageError e) {
            // a LinkageError too: a library the server put before the application's answers for DSS (README, Known issues)
            LOG.log(Level.WARNING, "taking in the List of Trusted Entities failed", e);
            String reason = "the list could not be taken in (" + e.getClass().getSimpleName() + "; the server log has the details)";
            imports.failed(location, reason);
            return new Refresh(Outcome.FAILED, reason, null);
        } finally {
            imports.release(node);
        }
    }
}
