package eu.wua.platform;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The one place that writes and reads certificate chains as PEM (leaf first). */
public final class PemCertificates {

    private PemCertificates() {
    }

    public static String encode(List<X509Certificate> chain) {
        StringBuilder pem = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate certificate : chain) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("certificate cannot be encoded", e);
            }
        }
        return pem.toString();
    }

    /** Parses PEM (one or more certificates) or a single DER certificate. */
    public static List<X509Certificate> decode(byte[] pemOrDer) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (var certificate : factory.generateCertificates(new ByteArrayInputStream(pemOrDer))) {
                chain.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            // the parser's own message names its internals (IOException, "lenByte"): say what is wrong instead
            throw new CertificateException("not a PEM or DER encoded X.509 certificate", e);
        }
        if (chain.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return chain;
    }

    public static List<X509Certificate> decode(String pem) throws CertificateException {
        return decode(pem.getBytes(StandardCharsets.US_ASCII));
    }

    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }
}
