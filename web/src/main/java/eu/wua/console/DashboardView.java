package eu.wua.console;

import static eu.wua.platform.JsonFactory.JSON;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;

import eu.wua.issuer.IssuanceStatistics;
import eu.wua.status.RevocationCascades;
import eu.wua.status.RevocationJob;
import eu.wua.walletprovider.WalletInstanceDirectory;

/** The dashboard: issuance per hour, active instances, running cascades with progress (the WSCD state is in the template). */
@Named
@RequestScoped
public class DashboardView {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @Inject
    private Clock clock;

    @Inject
    private IssuanceStatistics statistics;

    @Inject
    private WalletInstanceDirectory instances;

    @Inject
    private RevocationCascades cascades;

    @Inject
    private eu.wua.issuer.IssuerSettings issuerSettings;

    /** HAIP wants every token DPoP-bound: an issuer that still gives Bearer tokens says so on the dashboard. */
    public boolean isBearerTokensAllowed() {
        return issuerSettings.bearerTokensAllowed();
    }

    private List<IssuanceStatistics.Hour> hours;

    public List<IssuanceStatistics.Hour> getHours() {
        if (hours == null) {
            hours = statistics.perHour(clock.instant(), 23);
        }
        return hours;
    }

    private java.util.Map<String, Long> flows;

    /** Credentials of the last 24 hours by flow: {@code pre-authorized} and {@code authorization_code}. */
    public long issuedLast24HoursBy(String flow) {
        if (flows == null) {
            flows = statistics.perFlow(clock.instant().minus(java.time.Duration.ofHours(24)));
        }
        return flows.getOrDefault("authorization_code".equals(flow) ? eu.wua.issuer.CredentialOffer.AUTHORIZATION_CODE_GRANT
                : eu.wua.issuer.CredentialOffer.PRE_AUTHORIZED_GRANT, 0L);
    }

    public long getIssuedLast24Hours() {
        return getHours().stream().mapToLong(IssuanceStatistics.Hour::credentials).sum();
    }

    /** A Chart.js configuration for {@code p:chart}. */
    public String getIssuanceChart() {
        JsonArrayBuilder labels = JSON.createArrayBuilder();
        JsonArrayBuilder data = JSON.createArrayBuilder();
        for (IssuanceStatistics.Hour hour : getHours()) {
            labels.add(HOUR.format(hour.hour()));
            data.add(hour.credentials());
        }
        return JSON.createObjectBuilder().add("type", "bar")
                .add("data", JSON.createObjectBuilder().add("labels", labels).add("datasets", JSON.createArrayBuilder()
                        .add(JSON.createObjectBuilder().add("label", "Credentials issued per hour (UTC)").add("data", data)
                                .add("backgroundColor", "#3b6ea5"))))
                .add("options", JSON.createObjectBuilder().add("animation", false)
                        .add("scales", JSON.createObjectBuilder().add("y", JSON.createObjectBuilder().add("beginAtZero", true)
                                .add("ticks", JSON.createObjectBuilder().add("precision", 0)))))
                .build().toString();
    }

    public long getActiveInstances() {
        return instances.active();
    }

    public List<RevocationJob> getRunningCascades() {
        return cascades.recent(100).stream().filter(job -> job.getState() == RevocationJob.State.RUNNING).toList();
    }

    public List<RevocationJob> getRecentCascades() {
        return cascades.recent(10);
    }

    /** Progress in percent, for a progress bar. */
    public long progress(RevocationJob job) {
        return job.getTotal() == null || job.getTotal() == 0 ? 100 : Math.min(100, job.getProcessed() * 100L / job.getTotal());
    }
}
