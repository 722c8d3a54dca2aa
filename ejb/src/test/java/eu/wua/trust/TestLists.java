package eu.wua.trust;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.JWSSerializationType;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.jades.JAdESSignatureParameters;
import eu.europa.esig.dss.jades.signature.JAdESService;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;

import eu.wua.issuer.TestWalletProvider;
import eu.wua.platform.PemCertificates;

/**
 * Lists of Trusted Entities made by the tests (TS 119 602, JSON and XML forms) and a list signer of
 * their own that signs them with DSS (JAdES compact, XAdES enveloped), as the Commission's would.
 * Shared with the web module's integration tests (test-jar).
 */
public final class TestLists {

    /** A Wallet Provider as a list names it: {@code status} null for "listed, so granted". */
    public record Listed(String name, String informationUri, String status, List<X509Certificate> certificates) {
    }

    public static final String GRANTED = "http://uri.etsi.org/19602/SvcStatus/granted";
    public static final String SUSPENDED = "http://uri.etsi.org/19602/SvcStatus/suspended";
    public static final String WITHDRAWN = "http://uri.etsi.org/19602/SvcStatus/withdrawn";

    private TestLists() {
    }

    /** A list signer: its key and a self-signed certificate valid from a day before {@code now} for {@code validFor}. */
    public static final class Signer {
        public final X509Certificate certificate;
        private final KeyPair key;

        public Signer(String name) throws Exception {
            this(name, Instant.now(), Duration.ofDays(365));
        }

        public Signer(String name, Instant now, Duration validFor) throws Exception {
            key = TestWalletProvider.key();
            X500Name subject = new X500Name("CN=" + name);
            certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
                    BigInteger.valueOf(System.nanoTime()), Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(validFor)), subject,
                    key.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        }

        private Signer(X509Certificate certificate, KeyPair key) {
            this.certificate = certificate;
            this.key = key;
        }

        /** The signer kept in {@code directory} (signer.pem, signer.key), made there the first time. */
        public static Signer keptIn(Path directory, String name) throws Exception {
            Path pem = directory.resolve("signer.pem");
            Path key = directory.resolve("signer.key");
            if (!Files.exists(key)) {
                Signer made = new Signer(name);
                Files.createDirectories(directory);
                Files.writeString(pem, made.pem());
                Files.writeString(key, Base64.getEncoder().encodeToString(made.key.getPrivate().getEncoded()));
                return made;
            }
            X509Certificate certificate = PemCertificates.decode(Files.readAllBytes(pem)).get(0);
            PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(Files.readString(key).strip())));
            return new Signer(certificate, new KeyPair(certificate.getPublicKey(), privateKey));
        }

        public String pem() throws Exception {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        }

        /** JAdES baseline B, compact serialization, over the JSON list. */
        public byte[] jades(String json) throws Exception {
            JAdESSignatureParameters parameters = new JAdESSignatureParameters();
            parameters.setSignatureLevel(SignatureLevel.JAdES_BASELINE_B);
            parameters.setSignaturePackaging(SignaturePackaging.ENVELOPING);
            parameters.setJwsSerializationType(JWSSerializationType.COMPACT_SERIALIZATION);
            parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
            parameters.setSigningCertificate(new CertificateToken(certificate));
            parameters.setCertificateChain(List.of(new CertificateToken(certificate)));
            JAdESService service = new JAdESService(new CommonCertificateVerifier());
            DSSDocument document = new InMemoryDocument(json.getBytes(StandardCharsets.UTF_8));
            return read(service.signDocument(document, parameters, sign(service.getDataToSign(document, parameters))));
        }

        /** XAdES baseline B, enveloped, over the XML list. */
        public byte[] xades(String xml) throws Exception {
            XAdESSignatureParameters parameters = new XAdESSignatureParameters();
            parameters.setSignatureLevel(SignatureLevel.XAdES_BASELINE_B);
            parameters.setSignaturePackaging(SignaturePackaging.ENVELOPED);
            parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
            parameters.setSigningCertificate(new CertificateToken(certificate));
            parameters.setCertificateChain(List.of(new CertificateToken(certificate)));
            XAdESService service = new XAdESService(new CommonCertificateVerifier());
            DSSDocument document = new InMemoryDocument(xml.getBytes(StandardCharsets.UTF_8));
            return read(service.signDocument(document, parameters, sign(service.getDataToSign(document, parameters))));
        }

        private SignatureValue sign(ToBeSigned toBeSigned) throws Exception {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(key.getPrivate());
            ecdsa.update(toBeSigned.getBytes());
            return new SignatureValue(SignatureAlgorithm.ECDSA_SHA256, ecdsa.sign());
        }

        private static byte[] read(DSSDocument document) throws Exception {
            try (var in = document.openStream()) {
                return in.readAllBytes();
            }
        }
    }

    /** The JSON form (the payload a JAdES signature carries). */
    public static String json(long sequenceNumber, Instant issued, Instant nextUpdate, List<Listed> providers) throws Exception {
        JsonArrayBuilder entities = Json.createArrayBuilder();
        for (Listed provider : providers) {
            JsonArrayBuilder certificates = Json.createArrayBuilder();
            for (X509Certificate certificate : provider.certificates()) {
                certificates.add(Json.createObjectBuilder().add("val", Base64.getEncoder().encodeToString(certificate.getEncoded())));
            }
            JsonObjectBuilder service = Json.createObjectBuilder()
                    .add("ServiceName", Json.createArrayBuilder().add(multilingual(provider.name() + " WUA issuance")))
                    .add("ServiceTypeIdentifier", LoteFormat.WALLET_SOLUTION_ISSUANCE)
                    .add("ServiceDigitalIdentity", Json.createObjectBuilder().add("X509Certificates", certificates));
            if (provider.status() != null) {
                service.add("ServiceStatus", provider.status()).add("StatusStartingTime", issued.toString());
            }
            entities.add(Json.createObjectBuilder()
                    .add("TrustedEntityInformation", Json.createObjectBuilder()
                            .add("TEName", Json.createArrayBuilder().add(multilingual(provider.name())))
                            .add("TEInformationURI", Json.createArrayBuilder().add(Json.createObjectBuilder().add("lang", "en")
                                    .add("uriValue", provider.informationUri()))))
                    .add("TrustedEntityServices", Json.createArrayBuilder().add(Json.createObjectBuilder().add("ServiceInformation", service))));
        }
        return Json.createObjectBuilder().add("LoTE", Json.createObjectBuilder()
                .add("ListAndSchemeInformation", Json.createObjectBuilder()
                        .add("LoTEVersionIdentifier", 1)
                        .add("LoTESequenceNumber", sequenceNumber)
                        .add("LoTEType", LoteFormat.EU_WALLET_PROVIDERS_LIST)
                        .add("SchemeOperatorName", Json.createArrayBuilder().add(multilingual("Test scheme operator")))
                        .add("SchemeTerritory", "EU")
                        .add("ListIssueDateTime", issued.toString())
                        .add("NextUpdate", nextUpdate.toString()))
                .add("TrustedEntitiesList", entities)).build().toString();
    }

    /** The XML form (the document a XAdES signature envelops). */
    public static String xml(long sequenceNumber, Instant issued, Instant nextUpdate, List<Listed> providers) throws Exception {
        StringBuilder entities = new StringBuilder();
        for (Listed provider : providers) {
            StringBuilder identities = new StringBuilder();
            for (X509Certificate certificate : provider.certificates()) {
                identities.append("<DigitalId><X509Certificate>").append(Base64.getEncoder().encodeToString(certificate.getEncoded()))
                        .append("</X509Certificate></DigitalId>");
            }
            entities.append("<TrustedEntity><TrustedEntityInformation><TEName><Name xml:lang=\"en\">").append(escape(provider.name()))
                    .append("</Name></TEName><TEInformationURI><URI xml:lang=\"en\">").append(escape(provider.informationUri()))
                    .append("</URI></TEInformationURI></TrustedEntityInformation><TrustedEntityServices><TrustedEntityService><ServiceInformation>")
                    .append("<ServiceTypeIdentifier>").append(LoteFormat.WALLET_SOLUTION_ISSUANCE).append("</ServiceTypeIdentifier>")
                    .append("<ServiceName><Name xml:lang=\"en\">").append(escape(provider.name())).append(" WUA issuance</Name></ServiceName>")
                    .append("<ServiceDigitalIdentity>").append(identities).append("</ServiceDigitalIdentity>")
                    .append(provider.status() == null ? "" : "<ServiceStatus>" + provider.status() + "</ServiceStatus><StatusStartingTime>"
                            + issued + "</StatusStartingTime>")
                    .append("</ServiceInformation></TrustedEntityService></TrustedEntityServices></TrustedEntity>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListOfTrustedEntities xmlns=\"" + LoteFormat.XML_NAMESPACE + "\">"
                + "<ListAndSchemeInformation><LoTEVersionIdentifier>1</LoTEVersionIdentifier><LoTESequenceNumber>" + sequenceNumber
                + "</LoTESequenceNumber><LoTEType>" + LoteFormat.EU_WALLET_PROVIDERS_LIST + "</LoTEType><SchemeOperatorName><Name xml:lang=\"en\">"
                + "Test scheme operator</Name></SchemeOperatorName><SchemeTerritory>EU</SchemeTerritory><ListIssueDateTime>" + issued
                + "</ListIssueDateTime><NextUpdate><dateTime>" + nextUpdate + "</dateTime></NextUpdate></ListAndSchemeInformation>"
                + "<TrustedEntitiesList>" + entities + "</TrustedEntitiesList></ListOfTrustedEntities>";
    }

    private static JsonObjectBuilder multilingual(String value) {
        return Json.createObjectBuilder().add("lang", "en").add("value", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
