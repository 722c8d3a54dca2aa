package eu.wua.audit.verify;

import java.security.PublicKey;
import java.util.List;

/**
 * Verifies an audit export (JSON Lines from {@code /admin/v1/audit/export}) with nothing but the
 * audit certificate's key: an export of the Merkle log ({@link LogExportVerifier}), or one written
 * before it, a hash chain ({@link ChainExportVerifier}).
 */
public final class AuditExportVerifier {

    /** OK, or the first sequence number where the trail breaks and why. */
    public record Result(boolean ok, Long brokenAt, String reason, int records, int checkpoints) {

        static Result broken(Long seq, String reason, int records, int checkpoints) {
            return new Result(false, seq, reason, records, checkpoints);
        }

        @Override
        public String toString() {
            return ok ? "OK: " + records + " records, " + checkpoints + " signed checkpoint(s) verified"
                    : "BROKEN" + (brokenAt == null ? "" : " at seq " + brokenAt) + ": " + reason;
        }
    }

    private AuditExportVerifier() {
    }

    public static Result verify(List<String> lines, PublicKey auditKey) {
        String first = lines.stream().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
        if (first.startsWith("{\"format\"")) {
            return LogExportVerifier.verify(lines, auditKey);
        }
        return ChainExportVerifier.verify(lines, auditKey);
    }
}
