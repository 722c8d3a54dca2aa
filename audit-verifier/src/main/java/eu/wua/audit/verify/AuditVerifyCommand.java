package eu.wua.audit.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * {@code audit-verify EXPORT.jsonl --certificate AUDIT.pem}: exit 0 and "OK" when the export is intact,
 * exit 1 with the first broken sequence number and why, exit 2 for wrong usage or unreadable files.
 */
public final class AuditVerifyCommand {

    private AuditVerifyCommand() {
    }

    public static void main(String[] args) {
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length != 3 || !"--certificate".equals(args[1])) {
            System.err.println("usage: audit-verify EXPORT.jsonl --certificate AUDIT-CERTIFICATE.pem");
            return 2;
        }
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            System.err.println("audit-verify: cannot read the certificate " + args[2] + ": " + e.getMessage());
            return 2;
        }
        AuditExportVerifier.Result result;
        try {
            result = AuditExportVerifier.verify(Files.readAllLines(Path.of(args[0])), certificate.getPublicKey());
        } catch (IOException e) {
            System.err.println("audit-verify: cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        }
        System.out.println(result);
        return result.ok() ? 0 : 1;
    }
}
