package eu.wua.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;

class SignatureVerificationTest {

    /** This machine kind (linux-x86_64) loads the native provider; elsewhere the JDK's is the fallback. */
    @Test
    void onThisMachineTheNativeProviderVerifies() {
        org.junit.jupiter.api.Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")) && "Linux".equals(System.getProperty("os.name")),
                "the provider's jar is the linux-x86_64 build");
        assertTrue(SignatureVerification.providerContext().isPresent(), "the native provider loaded");
        assertEquals("AmazonCorrettoCryptoProvider", SignatureVerification.providerName());
    }

    /** jose4j takes the provider of a verification with our key from the supplied-key context: a wrong name there fails. */
    @Test
    void joseVerificationAsksTheProviderTheContextNames() throws Exception {
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(signedByJdk(key, "{}"));
        jws.setKey(key.getPublicKey());
        org.jose4j.jca.ProviderContext nowhere = new org.jose4j.jca.ProviderContext();
        nowhere.getSuppliedKeyProviderContext().setSignatureProvider("NoSuchProvider");
        jws.setProviderContext(nowhere);
        org.junit.jupiter.api.Assertions.assertThrows(org.jose4j.lang.JoseException.class, jws::verifySignature);
        SignatureVerification.providerContext().ifPresent(context ->
                assertEquals("AmazonCorrettoCryptoProvider", context.getSuppliedKeyProviderContext().getSignatureProvider()));
    }

    @Test
    void aSignatureMadeWithTheJdkVerifiesNativelyAndATamperedOneDoesNot() throws Exception {
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        String compact = signedByJdk(key, "{\"iss\":\"https://wallet-provider.example\"}");

        assertTrue(verify(compact, key));
        String[] parts = compact.split("\\.");
        String tampered = parts[0] + "." + parts[1].replace('J', 'K') + "." + parts[2];
        assertFalse(verify(tampered, key));
    }

    /** A compact ES256 JWS over {@code payload}, signed with the JDK's default provider. */
    private static String signedByJdk(EllipticCurveJsonWebKey key, String payload) throws Exception {
        JsonWebSignature signed = new JsonWebSignature();
        signed.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        signed.setPayload(payload);
        signed.setKey(key.getPrivateKey());
        return signed.getCompactSerialization();
    }

    private static boolean verify(String compact, EllipticCurveJsonWebKey key) throws Exception {
        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(compact);
        jws.setKey(key.getPublicKey());
        SignatureVerification.providerContext().ifPresent(jws::setProviderContext);
        return jws.verifySignature();
    }
}
