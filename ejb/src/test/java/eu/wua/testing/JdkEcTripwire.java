package eu.wua.testing;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes the JDK's own ECDSA verification fail a test: a provider ahead of every other one answers
 * each ECDSA signature algorithm, signs with the JDK (what a test's fixtures do) and throws on any
 * verification. Only a verification that names the native provider (platform's
 * {@code SignatureVerification}) gets past it, so a verifier that falls back to the JDK's
 * pure-Java EC code on a request path fails its happy-path tests (issue #21).
 */
public final class JdkEcTripwire implements BeforeAllCallback, AfterAllCallback {

    static final String NAME = "JdkEcTripwire";
    private static final List<String> ALGORITHMS = List.of("SHA256withECDSA", "SHA256withECDSAinP1363Format", "SHA384withECDSA",
            "SHA512withECDSA", "NONEwithECDSA");

    @Override
    public void beforeAll(ExtensionContext context) {
        Security.insertProviderAt(new TripwireProvider(), 1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Security.removeProvider(NAME);
    }

    private static final class TripwireProvider extends Provider {
        private static final long serialVersionUID = 1L;

        TripwireProvider() {
            super(NAME, "1.0", "fails every ECDSA verification that does not name its provider");
            for (String algorithm : ALGORITHMS) {
                putService(new Service(this, "Signature", algorithm, TrippedSignature.class.getName(), null, null) {
                    @Override
                    public Object newInstance(Object constructorParameter) {
                        return new TrippedSignature(algorithm);
                    }
                });
            }
        }
    }

    private static final class TrippedSignature extends SignatureSpi {
        private final String algorithm;
        private final Signature signer;

        TrippedSignature(String algorithm) {
            this.algorithm = algorithm;
            try {
                this.signer = Signature.getInstance(algorithm, "SunEC");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) {
            throw new AssertionError(algorithm + " was verified with the JDK's own EC code, not the native provider");
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            signer.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            signer.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            signer.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return signer.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            throw new AssertionError(algorithm + " was verified with the JDK's own EC code, not the native provider");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
