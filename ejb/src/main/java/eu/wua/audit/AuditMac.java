package eu.wua.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import eu.wua.audit.verify.AuditRecordFormat;
import eu.wua.audit.verify.CanonicalJson;

/**
 * The HMAC-SHA256 of an event as its writer wrote it, under {@code wua.audit.mac-key} (the same on
 * every node, from configuration, never in the database): between its commit and its sealing an
 * event is protected by this alone, so a row altered in that window is found by the sealer. Without
 * a key, events carry no MAC and such an alteration is sealed unnoticed (the README says so).
 */
@ApplicationScoped
public class AuditMac {

    @Inject
    @ConfigProperty(name = "wua.audit.mac-key")
    Optional<String> configuredKey;

    private SecretKeySpec key;

    @PostConstruct
    void readKey() {
        if (configuredKey.isEmpty() || configuredKey.get().isBlank()) {
            return;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configuredKey.get().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("wua.audit.mac-key must be base64 (32 random bytes: openssl rand -base64 32)");
        }
        if (bytes.length < 32) {
            throw new IllegalStateException("wua.audit.mac-key must hold at least 32 bytes, not " + bytes.length);
        }
        key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The MAC of an event's content (everything the record holds but its seq), or null without a key. */
    public String of(Instant time, String actor, String type, String subject, String outcome, Map<String, Object> details) {
        if (key == null) {
            return null;
        }
        Map<String, Object> content = AuditRecordFormat.record(0, time, actor, type, subject, outcome, details);
        content.remove("seq");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(CanonicalJson.of(content).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code event} still holds what was written: true when it carries no MAC or no key is configured. */
    public boolean matches(AuditEvent event, Map<String, Object> details) {
        if (key == null || event.getMac() == null) {
            return true;
        }
        String now = of(event.getOccurredAt(), event.getActor(), event.getType(), event.getSubject(), event.getOutcome().name(), details);
        return MessageDigest.isEqual(now.getBytes(StandardCharsets.US_ASCII), event.getMac().getBytes(StandardCharsets.US_ASCII));
    }
}
