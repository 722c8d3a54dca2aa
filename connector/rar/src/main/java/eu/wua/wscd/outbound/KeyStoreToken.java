package eu.wua.wscd.outbound;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.KeyHandle;
import eu.wua.wscd.KeyOwner;
import eu.wua.wscd.UnknownKey;
import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdException;
import eu.wua.wscd.WscdUnavailable;

/**
 * A token seen through a JCA {@link KeyStore}: a PKCS#11 token through SunPKCS11, or a PKCS#12
 * file. Thread-safe; one instance is shared by every managed connection of a factory.
 */
final class KeyStoreToken {

    /** Saves the key store after a change; a PKCS#11 token needs nothing. */
    interface Persistence {
        void save(KeyStore keyStore) throws GeneralSecurityException;
    }

    private static final int PRIVATE_KEY_CACHE_SIZE = 10_000;
    private static final byte[] PROBE_MESSAGE = "wscd health probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final KeyStore keyStore;
    private final Provider provider;
    private final char[] entryPassword;
    private final Persistence persistence;
    private final WscdDescription description;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final SecureRandom random = new SecureRandom();
    // a key store look-up per signature costs a token round trip (PKCS#11) or a PBE decryption (PKCS#12)
    private final Map<KeyHandle, PrivateKey> privateKeys = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<KeyHandle, PrivateKey> eldest) {
                    return size() > PRIVATE_KEY_CACHE_SIZE;
                }
            });

    KeyStoreToken(KeyStore keyStore, Provider provider, char[] entryPassword, Persistence persistence,
            WscdDescription description) {
        this.keyStore = keyStore;
        this.provider = provider;
        this.entryPassword = entryPassword;
        this.persistence = persistence;
        this.description = description;
    }

    WscdDescription description() {
        return description;
    }

    /**
     * Signs a fixed message with the token's own probe key (made on first use), so that a dead
     * token, a lost session or a lost login shows: listing objects alone can succeed without a login.
     */
    void probe(Signature signature) throws WscdException {
        KeyHandle probeKey = KeyHandle.of(KeyOwner.PLATFORM, "wscd-probe");
        if (!privateKeys.containsKey(probeKey)) {
            lock.writeLock().lock();
            try {
                if (!keyStore.containsAlias(probeKey.value())) {
                    generate(probeKey.owner(), probeKey.label());
                }
            } catch (GeneralSecurityException | ProviderException e) {
                throw unavailable("probe", e);
            } finally {
                lock.writeLock().unlock();
            }
        }
        signEs256(signature, probeKey, PROBE_MESSAGE);
    }

    GeneratedKey generate(KeyOwner owner, String label) throws WscdException {
        KeyHandle handle = KeyHandle.of(owner, label);
        lock.writeLock().lock();
        try {
            if (keyStore.containsAlias(handle.value())) {
                throw new WscdException("a key " + handle + " exists already");
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            X509Certificate holder = holderCertificate(pair, handle);
            keyStore.setKeyEntry(handle.value(), pair.getPrivate(), entryPassword, new Certificate[] {holder});
            persistence.save(keyStore);
            return new GeneratedKey(handle, (ECPublicKey) holder.getPublicKey());
        } catch (GeneralSecurityException | ProviderException e) {
            throw unavailable("key generation", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    ECPublicKey publicKey(KeyHandle handle) throws WscdException {
        lock.readLock().lock();
        try {
            Certificate holder = keyStore.getCertificate(handle.value());
            if (holder == null) {
                throw new UnknownKey(handle);
            }
            return (ECPublicKey) holder.getPublicKey();
        } catch (GeneralSecurityException | ProviderException e) {
            throw unavailable("public key read", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Signs with {@code signature}, an instance the calling managed connection owns. */
    byte[] signEs256(Signature signature, KeyHandle handle, byte[] data) throws WscdException {
        PrivateKey key = privateKey(handle);
        try {
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException | ProviderException e) {
            privateKeys.remove(handle);
            throw unavailable("signature", e);
        }
    }

    Signature newEs256Signature() throws WscdException {
        try {
            // r‖s straight from the provider: JOSE's form, no DER conversion (RFC 7518 §3.4)
            return Signature.getInstance("SHA256withECDSAinP1363Format", provider);
        } catch (GeneralSecurityException e) {
            throw new WscdException("the token's provider cannot sign ES256", e);
        }
    }

    void destroy(KeyHandle handle) throws WscdException {
        lock.writeLock().lock();
        try {
            privateKeys.remove(handle);
            if (keyStore.containsAlias(handle.value())) {
                keyStore.deleteEntry(handle.value());
                persistence.save(keyStore);
            }
        } catch (GeneralSecurityException | ProviderException e) {
            throw unavailable("key destruction", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    List<KeyHandle> keysOf(KeyOwner owner) throws WscdException {
        String prefix = owner.value() + "/";
        lock.readLock().lock();
        try {
            List<KeyHandle> keys = new ArrayList<>();
            for (String alias : Collections.list(keyStore.aliases())) {
                if (alias.startsWith(prefix) && keyStore.isKeyEntry(alias)) {
                    keys.add(new KeyHandle(alias));
                }
            }
            keys.sort((a, b) -> a.value().compareTo(b.value()));
            return keys;
        } catch (GeneralSecurityException | ProviderException e) {
            throw unavailable("key listing", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    private PrivateKey privateKey(KeyHandle handle) throws WscdException {
        PrivateKey cached = privateKeys.get(handle);
        if (cached != null) {
            return cached;
        }
        lock.readLock().lock();
        try {
            PrivateKey key = (PrivateKey) keyStore.getKey(handle.value(), entryPassword);
            if (key == null && keyStore.getCertificate(handle.value()) != null) {
                // the certificate is a public object, the key a private one: a token that shows the
                // first without the second has lost its login (an HSM restart, a dropped session)
                throw new WscdUnavailable("the " + description.backend() + " WSCD shows the certificate of "
                        + handle + " but not its key: the token has lost its login", null);
            }
            if (key == null) {
                throw new UnknownKey(handle);
            }
            privateKeys.put(handle, key);
            return key;
        } catch (GeneralSecurityException | ProviderException e) {
            throw unavailable("key look-up", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A key store keeps a private key only beside a certificate, so each key gets a self-signed
     * holder certificate. The platform issues its real certificates elsewhere.
     */
    private X509Certificate holderCertificate(KeyPair pair, KeyHandle handle) throws GeneralSecurityException {
        Instant now = Instant.now();
        // the key store finds the key by its alias (the handle); the name is fixed, since a handle may be
        // longer than the 64 characters RFC 5280 allows a common name
        X500Name name = new X500Name("CN=WSCD key holder");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random).abs(),
                Date.from(now.minus(1, ChronoUnit.MINUTES)), Date.from(now.plus(36500, ChronoUnit.DAYS)),
                name, pair.getPublic());
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(provider)
                    .build(pair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the holder certificate", e);
        }
    }

    private WscdUnavailable unavailable(String operation, Exception cause) {
        return new WscdUnavailable(operation + " failed in the " + description.backend() + " WSCD: "
                + cause.getClass().getSimpleName(), cause);
    }
}
