package eu.wua.wscd.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.KeyHandle;
import eu.wua.wscd.KeyOwner;
import eu.wua.wscd.UnknownKey;
import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdException;
import eu.wua.wscd.WscdUnavailable;

/**
 * The software WSCD (uncertified, the embedded default): a directory with one file per key,
 * {@code o-<owner>/k-<label>.key}, the private key encrypted with AES-256-GCM under a key derived
 * once from the passphrase (PBKDF2), bound to its handle. Writing a key writes only its own file:
 * the single PKCS#12 file used before was rewritten whole for every key. It signs with the Amazon
 * Corretto Crypto Provider (AWS-LC's native code, in the RAR) when that loads and passes its
 * self-test, else with the JDK's SunEC: SunEC's pure-Java P-256 was three quarters of the credential
 * endpoint's time at batch 10, about ten times slower than native code (docs/benchmarks.md).
 */
final class SoftwareToken implements Token {

    private static final String BACKEND = TokenSettings.SOFTWARE;
    private static final String TOKEN_FILE = "token.properties";
    private static final int ITERATIONS = 310_000;
    private static final byte[] CHECK = "WUA software WSCD".getBytes(StandardCharsets.US_ASCII);
    private static final int PRIVATE_KEY_CACHE_SIZE = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(SoftwareToken.class.getName());
    private static final Provider SIGNING_PROVIDER = signingProvider();

    private final Path directory;
    private final SecretKey wrappingKey;
    private final WscdDescription description;
    private final Queue<Signature> signatures = new ConcurrentLinkedQueue<>();
    // decrypting a key file per signature would cost a file read and a cipher
    private final Map<KeyHandle, PrivateKey> privateKeys = Token.keyCache(PRIVATE_KEY_CACHE_SIZE);

    private SoftwareToken(Path directory, SecretKey wrappingKey) {
        this.directory = directory;
        this.wrappingKey = wrappingKey;
        this.description = new WscdDescription(BACKEND, "software key directory " + directory + ", signing with " + SIGNING_PROVIDER.getName(), true);
    }

    /**
     * ACCP, kept to this class: it is not added to the JVM's providers, so nothing else in the
     * server changes. Another platform than linux-x86_64, or a JVM refusing native code, signs with
     * SunEC.
     */
    private static Provider signingProvider() {
        try {
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            return AmazonCorrettoCryptoProvider.INSTANCE;
        } catch (RuntimeException | LinkageError e) {
            LOG.warning("the software WSCD signs with the JDK's SunEC, native code is not available here: " + e);
            return Security.getProvider("SunEC");
        }
    }

    /** The JCA provider the software WSCD signs with. */
    static String signingProviderName() {
        return SIGNING_PROVIDER.getName();
    }

    /**
     * Opens {@code directory} (made on first use) with {@code passphrase}; a PKCS#12 key store of
     * an earlier version at {@code legacyKeyStore} is moved into it once and renamed.
     */
    static SoftwareToken open(Path directory, Path legacyKeyStore, char[] passphrase) throws WscdException {
        try {
            Files.createDirectories(directory);
            SoftwareToken token = new SoftwareToken(directory, wrappingKey(directory, passphrase));
            if (legacyKeyStore != null && Files.isRegularFile(legacyKeyStore)) {
                token.importLegacy(legacyKeyStore, passphrase);
            }
            return token;
        } catch (IOException e) {
            throw new WscdUnavailable("cannot open the software key directory " + directory + ": " + e, e);
        }
    }

    /** The directory's key: made with a fresh salt the first time, checked against a known text after. */
    private static SecretKey wrappingKey(Path directory, char[] passphrase) throws IOException, WscdException {
        Path tokenFile = directory.resolve(TOKEN_FILE);
        try {
            if (!Files.exists(tokenFile)) {
                byte[] salt = new byte[16];
                RANDOM.nextBytes(salt);
                SecretKey key = derive(passphrase, salt, ITERATIONS);
                Properties properties = new Properties();
                properties.setProperty("kdf", "PBKDF2WithHmacSHA256");
                properties.setProperty("iterations", Integer.toString(ITERATIONS));
                properties.setProperty("salt", Base64.getEncoder().encodeToString(salt));
                properties.setProperty("check", Base64.getEncoder().encodeToString(encrypt(key, CHECK, TOKEN_FILE)));
                writeNew(tokenFile, properties);
                return key;
            }
            Properties properties = read(tokenFile);
            SecretKey key = derive(passphrase, Base64.getDecoder().decode(properties.getProperty("salt")),
                    Integer.parseInt(properties.getProperty("iterations")));
            if (!Arrays.equals(CHECK, decrypt(key, Base64.getDecoder().decode(properties.getProperty("check")), TOKEN_FILE))) {
                throw new AEADBadTagException();
            }
            return key;
        } catch (AEADBadTagException e) {
            throw new WscdUnavailable("the passphrase does not open the software key directory " + directory, null);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new WscdUnavailable("the software key directory " + directory + " has an unreadable " + TOKEN_FILE, e);
        }
    }

    private void importLegacy(Path file, char[] passphrase) throws WscdException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore legacy = KeyStore.getInstance("PKCS12");
            legacy.load(in, passphrase);
            for (String alias : Collections.list(legacy.aliases())) {
                if (legacy.isKeyEntry(alias) && !Files.exists(keyFile(new KeyHandle(alias)))) {
                    KeyHandle handle = new KeyHandle(alias);
                    store(handle, (PrivateKey) legacy.getKey(alias, passphrase), (ECPublicKey) legacy.getCertificate(alias).getPublicKey());
                }
            }
            Files.move(file, file.resolveSibling(file.getFileName() + ".moved-to-" + directory.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new WscdUnavailable("cannot move the keys of the earlier key store " + file + " into " + directory + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public WscdDescription description() {
        return description;
    }

    /**
     * The signature probe, and a file made and removed in the key directory: a directory that can
     * be read but not written signs with every key it has and generates none, and readiness must
     * say what a key generation would (issue #18).
     */
    @Override
    public void probe() throws WscdException {
        Token.super.probe();
        try {
            Files.delete(Files.createTempFile(directory, ".probe-", ".tmp"));
        } catch (IOException e) {
            throw new WscdUnavailable("the software key directory " + directory + " cannot be written, so no key can be generated: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public GeneratedKey generate(KeyOwner owner, String label) throws WscdException {
        KeyHandle handle = KeyHandle.of(owner, label);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            store(handle, pair.getPrivate(), (ECPublicKey) pair.getPublic());
            privateKeys.put(handle, signingKey(pair.getPrivate().getEncoded()));
            return new GeneratedKey(handle, (ECPublicKey) pair.getPublic());
        } catch (FileAlreadyExistsException e) {
            throw new WscdException("a key " + handle + " exists already");
        } catch (GeneralSecurityException | IOException e) {
            throw unavailable("key generation", e);
        }
    }

    @Override
    public ECPublicKey publicKey(KeyHandle handle) throws WscdException {
        try {
            byte[] encoded = Base64.getDecoder().decode(keyProperties(handle).getProperty("public"));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw unavailable("public key read", e);
        }
    }

    @Override
    public byte[] signEs256(KeyHandle handle, byte[] data) throws WscdException {
        PrivateKey key = privateKey(handle);
        Signature signature = signatures.poll();
        try {
            if (signature == null) {
                // r‖s straight from the provider: JOSE's form, no DER conversion (RFC 7518 §3.4)
                signature = Signature.getInstance("SHA256withECDSAinP1363Format", SIGNING_PROVIDER);
            }
            signature.initSign(key);
            signature.update(data);
            byte[] result = signature.sign();
            signatures.offer(signature);
            return result;
        } catch (GeneralSecurityException e) {
            privateKeys.remove(handle);
            throw unavailable("signature", e);
        }
    }

    @Override
    public void destroy(KeyHandle handle) throws WscdException {
        privateKeys.remove(handle);
        try {
            Files.deleteIfExists(keyFile(handle));
        } catch (IOException e) {
            throw unavailable("key destruction", e);
        }
    }

    @Override
    public List<KeyHandle> keysOf(KeyOwner owner) throws WscdException {
        Path ownerDirectory = directory.resolve("o-" + owner.value());
        List<KeyHandle> keys = new ArrayList<>();
        if (!Files.isDirectory(ownerDirectory)) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ownerDirectory, "k-*.key")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                keys.add(KeyHandle.of(owner, name.substring(2, name.length() - 4)));
            }
        } catch (IOException e) {
            throw unavailable("key listing", e);
        }
        keys.sort((a, b) -> a.value().compareTo(b.value()));
        return keys;
    }

    @Override
    public void close() {
        privateKeys.clear();
    }

    private PrivateKey privateKey(KeyHandle handle) throws WscdException {
        PrivateKey cached = privateKeys.get(handle);
        if (cached != null) {
            return cached;
        }
        try {
            byte[] pkcs8 = decrypt(wrappingKey, Base64.getDecoder().decode(keyProperties(handle).getProperty("private")), handle.value());
            PrivateKey key = signingKey(pkcs8);
            privateKeys.put(handle, key);
            return key;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw unavailable("key look-up", e);
        }
    }

    /** The private key as the signing provider's own object, so that it is not translated per signature. */
    private static PrivateKey signingKey(byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC", SIGNING_PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    private Properties keyProperties(KeyHandle handle) throws IOException, UnknownKey {
        try {
            return read(keyFile(handle));
        } catch (NoSuchFileException e) {
            throw new UnknownKey(handle);
        }
    }

    /** A new key's file, written whole and linked into place: it appears complete or not at all, and never replaces one. */
    private void store(KeyHandle handle, PrivateKey privateKey, ECPublicKey publicKey) throws IOException, GeneralSecurityException {
        Properties properties = new Properties();
        properties.setProperty("handle", handle.value());
        properties.setProperty("public", Base64.getEncoder().encodeToString(publicKey.getEncoded()));
        properties.setProperty("private", Base64.getEncoder().encodeToString(encrypt(wrappingKey, privateKey.getEncoded(), handle.value())));
        Path file = keyFile(handle);
        Files.createDirectories(file.getParent());
        writeNew(file, properties);
    }

    private static void writeNew(Path file, Properties properties) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".new-", ".tmp");
        try {
            StringBuilder text = new StringBuilder();
            properties.stringPropertyNames().stream().sorted()
                    .forEach(name -> text.append(name).append('=').append(properties.getProperty(name)).append('\n'));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.US_ASCII.encode(text.toString()));
                channel.force(true);
            }
            Files.createLink(file, temporary);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)));
        return properties;
    }

    /** {@code o-}/{@code k-} prefixes: an owner or label of "." or ".." is a name, not a path step. */
    private Path keyFile(KeyHandle handle) {
        return directory.resolve("o-" + handle.owner().value()).resolve("k-" + handle.label() + ".key");
    }

    private static SecretKey derive(char[] passphrase, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            return new SecretKeySpec(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded(), "AES");
        } finally {
            spec.clearPassword();
        }
    }

    /** IV ‖ AES-GCM ciphertext and tag; {@code context} is bound as associated data, so a file moved to another handle does not open. */
    private static byte[] encrypt(SecretKey key, byte[] plaintext, String context) throws GeneralSecurityException {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.US_ASCII));
        byte[] ciphertext = cipher.doFinal(plaintext);
        byte[] result = Arrays.copyOf(iv, iv.length + ciphertext.length);
        System.arraycopy(ciphertext, 0, result, iv.length, ciphertext.length);
        return result;
    }

    private static byte[] decrypt(SecretKey key, byte[] sealed, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
        cipher.updateAAD(context.getBytes(StandardCharsets.US_ASCII));
        return cipher.doFinal(sealed, 12, sealed.length - 12);
    }

    private WscdUnavailable unavailable(String operation, Exception cause) {
        return new WscdUnavailable(operation + " failed in the " + BACKEND + " WSCD: " + cause.getClass().getSimpleName(), cause);
    }
}
