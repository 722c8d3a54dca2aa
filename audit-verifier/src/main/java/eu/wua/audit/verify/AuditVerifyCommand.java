package eu.wua.audit.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * {@code audit-verify EXPORT.jsonl --certificate AUDIT.pem}: exit 0 and "OK" when the export is intact,
 * exit 1 with the first broken sequence number and why. {@code audit-verify --proof PROOF.json --certificate
 * AUDIT.pem}: the same for an inclusion or a consistency proof. Exit 2 for wrong usage or unreadable files.
 */
public final class AuditVerifyCommand {

    private static final String USAGE = "usage: audit-verify EXPORT.jsonl --certificate AUDIT-CERTIFICATE.pem\n"
            + "       audit-verify --proof PROOF.json --certificate AUDIT-CERTIFICATE.pem   (an inclusion or consistency proof)";

    private AuditVerifyCommand() {
    }

    public static void main(String[] args) {
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        System.exit(run(args));
    }

    static int run(String[] args) {
        boolean proof = args.length == 4 && "--proof".equals(args[0]) && "--certificate".equals(args[2]);
        boolean export = args.length == 3 && "--certificate".equals(args[1]);
        if (!proof && !export) {
            System.err.println(USAGE);
            return 2;
        }
        String input = proof ? args[1] : args[0];
        String certificateFile = args[args.length - 1];
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(Path.of(certificateFile))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            System.err.println("audit-verify: cannot read the certificate " + certificateFile + ": " + e.getMessage());
            return 2;
        }
        try {
            if (proof) {
                AuditProofVerifier.Result result = AuditProofVerifier.verify(Files.readString(Path.of(input), StandardCharsets.UTF_8),
                        certificate.getPublicKey());
                System.out.println(result);
                return result.ok() ? 0 : 1;
            }
            AuditExportVerifier.Result result = AuditExportVerifier.verify(Files.readAllLines(Path.of(input)), certificate.getPublicKey());
            System.out.println(result);
            return result.ok() ? 0 : 1;
        } catch (IOException e) {
            System.err.println("audit-verify: cannot read " + input + ": " + e.getMessage());
            return 2;
        }
    }
}
