package eu.wua.benchmarks;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * ES256 verification (what the issuer does several times per request: WIA, PoP, KA, proof) and
 * signing (what the software WSCD does once per credential) with the JDK's SunEC and with the
 * native-backed Amazon Corretto Crypto Provider, over a 946-byte JWS signing input.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Es256ProviderBenchmark {

    @Param({"SunEC", "AmazonCorrettoCryptoProvider"})
    String provider;

    private Provider jca;
    private KeyPair key;
    private byte[] input;
    private byte[] signature;

    @Setup
    public void makeKeyAndSignature() throws Exception {
        jca = "SunEC".equals(provider) ? java.security.Security.getProvider("SunEC") : AmazonCorrettoCryptoProvider.INSTANCE;
        if (jca instanceof AmazonCorrettoCryptoProvider accp) {
            accp.assertHealthy();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair();
        input = new byte[946];
        new SecureRandom().nextBytes(input);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.getPrivate());
        signer.update(input);
        signature = signer.sign();
    }

    /** Signing in JOSE's r‖s form, as the software WSCD does (with ACCP where it loads, SunEC elsewhere). */
    @Benchmark
    public byte[] sign() throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format", jca);
        signer.initSign(key.getPrivate());
        signer.update(input);
        return signer.sign();
    }

    @Benchmark
    public boolean verify() throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA", jca);
        verifier.initVerify(key.getPublic());
        verifier.update(input);
        return verifier.verify(signature);
    }
}
