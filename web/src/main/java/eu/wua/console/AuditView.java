package eu.wua.console;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

import eu.wua.audit.AuditEvent;
import eu.wua.audit.AuditExport;
import eu.wua.audit.AuditTrail;
import eu.wua.audit.verify.AuditExportVerifier;
import eu.wua.wscd.WscdException;

/** The compliance officer's audit page: filter, read one event's details, verify the chain, export (each read is recorded). */
@Named
@ViewScoped
public class AuditView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_EVENTS = 1000;
    private static final jakarta.json.JsonWriterFactory PRETTY = JSON.createWriterFactory(
            java.util.Map.of(jakarta.json.stream.JsonGenerator.PRETTY_PRINTING, true));

    @Inject
    private Clock clock;

    @Inject
    private AuditTrail trail;

    @Inject
    private AuditExport export;

    @Inject
    private ConsoleGuard guard;

    private LocalDateTime from = LocalDateTime.now(ZoneOffset.UTC).minusDays(1);
    private LocalDateTime to;
    private String type;
    private String actor;
    private String outcome;
    private List<AuditEvent> events = List.of();
    private AuditEvent selected;
    private String verification;
    private boolean verified;

    public void search() {
        if (!guard.permits("read the audit trail", ConsoleRole.COMPLIANCE_OFFICER)) {
            return;
        }
        events = trail.read(guard.actor(), start(), end(), blankToNull(type), blankToNull(actor), blankToNull(outcome), 0, MAX_EVENTS);
        selected = null;
        if (events.size() == MAX_EVENTS) {
            guard.info("Showing the first " + MAX_EVENTS + " events", "Narrow the time range or the filters to see the rest.");
        }
    }

    public void verify() {
        if (!guard.permits("verify the audit trail", ConsoleRole.COMPLIANCE_OFFICER)) {
            return;
        }
        try {
            AuditExportVerifier.Result result = export.verify(start(), end(), guard.actor());
            verified = result.ok();
            verification = result.toString();
        } catch (WscdException e) {
            verified = false;
            verification = "The WSCD is unavailable, so the checkpoint signatures cannot be checked now: " + e.getMessage();
        }
    }

    /** JSON Lines of the range with the checkpoints covering it, for {@code ./run audit-verify}. */
    public StreamedContent getExportFile() {
        if (!guard.permits("export the audit trail", ConsoleRole.COMPLIANCE_OFFICER)) {
            return null;
        }
        try {
            byte[] body = (String.join("\n", export.export(start(), end(), guard.actor())) + "\n").getBytes(StandardCharsets.UTF_8);
            return DefaultStreamedContent.builder().name("audit-" + start().getEpochSecond() + "-" + end().getEpochSecond() + ".jsonl")
                    .contentType("application/jsonl").contentLength((long) body.length).stream(() -> new ByteArrayInputStream(body)).build();
        } catch (WscdException e) {
            guard.error("Export failed", "The WSCD is unavailable, so the checkpoint cannot be signed now.");
            return null;
        }
    }

    /** The selected event's details, indented. */
    public String prettyDetails() {
        if (selected == null) {
            return "";
        }
        java.io.StringWriter out = new java.io.StringWriter();
        try (jakarta.json.JsonWriter writer = PRETTY.createWriter(out)) {
            writer.write(JSON.createReader(new java.io.StringReader(selected.getDetails())).readObject());
        }
        return out.toString().strip();
    }

    private Instant start() {
        return from == null ? Instant.EPOCH : from.toInstant(ZoneOffset.UTC);
    }

    private Instant end() {
        return to == null ? clock.instant().plus(Duration.ofMinutes(1)) : to.toInstant(ZoneOffset.UTC);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public List<AuditEvent> getEvents() { return events; }
    public AuditEvent getSelected() { return selected; }
    public void setSelected(AuditEvent selected) { this.selected = selected; }
    public String getVerification() { return verification; }
    public boolean isVerified() { return verified; }
    public LocalDateTime getFrom() { return from; }
    public void setFrom(LocalDateTime from) { this.from = from; }
    public LocalDateTime getTo() { return to; }
    public void setTo(LocalDateTime to) { this.to = to; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
}
