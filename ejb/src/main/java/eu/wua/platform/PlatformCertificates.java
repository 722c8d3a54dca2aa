package eu.wua.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Builds the platform's certificates and certificate signing requests with BouncyCastle, signing
 * through an {@link Es256Signer} so that the private key never leaves the WSCD.
 */
public final class PlatformCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PlatformCertificates() {
    }

    /** A self-signed CA certificate that may sign end-entity certificates only (path length 0). */
    public static X509Certificate selfSignedCa(X500Name subject, PublicKey key, Es256Signer signer, Instant notBefore,
            Duration validity) throws CertificateException {
        try {
            X509v3CertificateBuilder builder = builder(subject, subject, key, notBefore, validity);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key));
            return sign(builder, signer);
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new CertificateException("cannot build the CA certificate for " + subject, e);
        }
    }

    /** A self-signed end-entity signing certificate: for a key verified on its own certificate alone. */
    public static X509Certificate selfSignedSigningCertificate(X500Name subject, PublicKey key, Es256Signer signer,
            Instant notBefore, Duration validity) throws CertificateException {
        try {
            X509v3CertificateBuilder builder = builder(subject, subject, key, notBefore, validity);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key));
            return sign(builder, signer);
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new CertificateException("cannot build the certificate for " + subject, e);
        }
    }

    /** An end-entity signing certificate issued by {@code issuer}, whose key {@code issuerSigner} uses. */
    public static X509Certificate issueSigningCertificate(X500Name subject, PublicKey key, X509Certificate issuer,
            Es256Signer issuerSigner, Instant notBefore, Duration validity) throws CertificateException {
        return issueSigningCertificate(subject, key, issuer, issuerSigner, notBefore, validity, Optional.empty());
    }

    /** The same, naming {@code dnsName} as a subject alternative name when there is one. */
    public static X509Certificate issueSigningCertificate(X500Name subject, PublicKey key, X509Certificate issuer,
            Es256Signer issuerSigner, Instant notBefore, Duration validity, Optional<String> dnsName) throws CertificateException {
        try {
            X509v3CertificateBuilder builder = builder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                    subject, key, notBefore, validity);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key));
            builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuer));
            if (dnsName.isPresent()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName.get())));
            }
            return sign(builder, issuerSigner);
        } catch (CertIOException | java.security.NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new CertificateException("cannot issue the certificate for " + subject, e);
        }
    }

    /** A PKCS#10 request for an external CA to sign (production PID providers do not use a self-signed root). */
    public static PKCS10CertificationRequest certificationRequest(X500Name subject, PublicKey key, Es256Signer signer) {
        return new JcaPKCS10CertificationRequestBuilder(subject, key).build(contentSigner(signer));
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Instant notBefore,
            Duration validity) {
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(notBefore), Date.from(notBefore.plus(validity)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, Es256Signer signer) throws CertificateException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner(signer)));
    }

    /** X.509 wants the ECDSA signature DER-encoded; the WSCD answers JOSE's r‖s. */
    static ContentSigner contentSigner(Es256Signer signer) {
        AlgorithmIdentifier algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return data;
            }

            @Override
            public byte[] getSignature() {
                try {
                    byte[] rs = signer.signEs256(data.toByteArray());
                    return toDer(rs);
                } catch (Exception e) {
                    throw new SignerFailure(e);
                }
            }
        };
    }

    /** BouncyCastle's signer cannot throw checked exceptions: this carries the signer's failure out. */
    public static final class SignerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SignerFailure(Exception cause) {
            super("the WSCD could not sign: " + cause.getMessage(), cause);
        }
    }

    static byte[] toDer(byte[] rs) throws IOException {
        if (rs.length != 64) {
            throw new IOException("an ES256 signature is 64 bytes, got " + rs.length);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
        return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
    }
}
