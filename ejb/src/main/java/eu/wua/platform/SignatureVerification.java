package eu.wua.platform;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import org.jose4j.jca.ProviderContext;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * Which JCA provider checks the ES256 signatures of what wallets send (WIA, PoP, KA, proof, DPoP and
 * instance proofs, presentations) and of the certificates in their chains: the
 * Amazon Corretto Crypto Provider (native AWS-LC code from its jar, no install step) when it loads
 * and passes its self-test, else the JDK's own. Chosen on measurements (docs/benchmarks.md): the
 * JDK's SunEC verifies about 17 times slower than native code on this machine kind, and an issuer
 * verifies several signatures per credential request. The provider is added after the JDK's, so
 * nothing else in the JVM changes; only verifications that ask for it use it.
 */
public final class SignatureVerification {

    private static final Logger LOG = Logger.getLogger(SignatureVerification.class.getName());
    private static final Optional<ProviderContext> NATIVE = nativeProvider();

    private SignatureVerification() {
    }

    /** The jose4j provider context for verification; empty when the JDK's own provider is used. */
    public static Optional<ProviderContext> providerContext() {
        return NATIVE;
    }

    /** A jose4j consumer that verifies its JWS with the native provider when there is one. */
    public static JwtConsumerBuilder nativeConsumer() {
        JwtConsumerBuilder builder = new JwtConsumerBuilder();
        NATIVE.ifPresent(builder::setJwsProviderContext);
        return builder;
    }

    /**
     * PKIX validation of {@code path} (without its anchor) to one of {@code anchors} at {@code at}, the certificates'
     * signatures checked by the native provider when there is one. No revocation checking: the platform has no network
     * to fetch CRLs or OCSP with; status comes from status lists where the specifications define them.
     */
    public static void validatePath(List<X509Certificate> path, Set<TrustAnchor> anchors, Instant at) throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        NATIVE.ifPresent(context -> parameters.setSigProvider(context.getSuppliedKeyProviderContext().getSignatureProvider()));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }

    /** The provider's name, for health and logs. */
    public static String providerName() {
        return NATIVE.map(context -> context.getSuppliedKeyProviderContext().getSignatureProvider()).orElse("SunEC (JDK)");
    }

    private static Optional<ProviderContext> nativeProvider() {
        try {
            Provider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            if (Security.getProvider(provider.getName()) == null) {
                Security.addProvider(provider);
            }
            ProviderContext context = new ProviderContext();
            // jose4j verifies with a key we supply through the supplied-key context (the general one is for keys it makes)
            context.getSuppliedKeyProviderContext().setSignatureProvider(provider.getName());
            LOG.info("ES256 verification uses " + provider.getName() + " " + provider.getVersionStr());
            return Optional.of(context);
        } catch (RuntimeException | LinkageError e) {
            // another platform than linux-x86_64, or a JVM that may not load native code: the JDK's code still verifies
            LOG.warning("native ES256 verification is not available, the JDK's SunEC verifies: " + e);
            return Optional.empty();
        }
    }
}
