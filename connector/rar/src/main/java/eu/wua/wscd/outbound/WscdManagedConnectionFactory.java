package eu.wua.wscd.outbound;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import javax.security.auth.Subject;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdConnectionFactory;
import eu.wua.wscd.WscdException;
import eu.wua.wscd.WscdUnavailable;

/**
 * One configured token. The container creates it from the connection definition's properties and
 * pools the managed connections it makes; all of them share one opened token.
 */
@ConnectionDefinition(connectionFactory = WscdConnectionFactory.class,
        connectionFactoryImpl = PooledWscdConnectionFactory.class,
        connection = WscdConnection.class, connectionImpl = WscdConnectionHandle.class)
public class WscdManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(WscdManagedConnectionFactory.class.getName());

    // Each setting: the property if the deployment set one, else the wua.wscd.* system property,
    // else the WUA_WSCD_* environment variable, else the default. The adapter resolves this itself:
    // Payara builds the factory more than once and the instance its pool keeps was seen without the
    // properties of a @ConnectionFactoryDefinition (docs/ARCHITECTURE.md).

    @ConfigProperty(description = "software (a PKCS#12 file, the default) or pkcs11; else wua.wscd.backend")
    private String backend;
    @ConfigProperty(description = "software backend: the key directory (default: keys beside the key store file)")
    private String keyDirectory;
    @ConfigProperty(description = "software backend: an earlier version's PKCS#12 key store, moved into the key directory (default data/wscd/wscd.p12)")
    private String keyStoreFile;
    @ConfigProperty(confidential = true, description = "software backend: the key store passphrase")
    private String passphrase;
    @ConfigProperty(description = "pkcs11 backend: path of the PKCS#11 library")
    private String pkcs11Library;
    @ConfigProperty(description = "pkcs11 backend: slot id (takes precedence over the slot list index)")
    private String pkcs11Slot;
    @ConfigProperty(description = "pkcs11 backend: index in the library's slot list (default 0)")
    private String pkcs11SlotListIndex;
    @ConfigProperty(confidential = true, description = "pkcs11 backend: the user PIN")
    private String pin;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile Token token;

    /** Called by the container to make the factory applications look up. */
    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        return new PooledWscdConnectionFactory(this, manager);
    }

    /** Called outside a container (tests): no pooling. */
    @Override
    public Object createConnectionFactory() {
        return new PooledWscdConnectionFactory(this, null);
    }

    /** Called by the container when its pool needs one more connection. */
    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        try {
            token(); // fails here, not later, when the token cannot be opened
            return new WscdManagedConnection(this);
        } catch (WscdException e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    /** Called by the container to reuse a pooled connection: every connection of this factory fits. */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : connections) {
            if (candidate instanceof WscdManagedConnection connection && connection.belongsTo(this)) {
                return connection;
            }
        }
        return null;
    }

    /** The opened token, opening it on first use or after it failed. */
    Token token() throws WscdException {
        Token current = token;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (token == null) {
                TokenSettings settings = settings();
                LOG.info(() -> "opening the WSCD token: " + settings);
                token = TokenOpener.open(settings);
            }
            return token;
        }
    }

    /** A connection saw the token fail: the next connection request opens it anew. */
    void tokenFailed(Token failed, WscdUnavailable cause) {
        synchronized (this) {
            if (token == failed) {
                token = null;
                failed.close();
            }
        }
        if (logWriter != null) {
            logWriter.println("WSCD token unavailable, will reopen: " + cause.getMessage());
        }
    }

    private TokenSettings settings() throws WscdException {
        Path legacyKeyStore = setting(keyStoreFile, "wua.wscd.key-store-file").map(Path::of).orElse(Path.of("data/wscd/wscd.p12"));
        return new TokenSettings(setting(backend, "wua.wscd.backend").orElse(TokenSettings.SOFTWARE),
                setting(keyDirectory, "wua.wscd.key-directory").map(Path::of)
                        .orElse(legacyKeyStore.toAbsolutePath().resolveSibling("keys")),
                legacyKeyStore,
                setting(passphrase, "wua.wscd.passphrase").map(String::toCharArray).orElse(null),
                setting(pkcs11Library, "wua.wscd.pkcs11.library").orElse(null),
                number(pkcs11Slot, "wua.wscd.pkcs11.slot"),
                Optional.ofNullable(number(pkcs11SlotListIndex, "wua.wscd.pkcs11.slot-list-index")).orElse(0),
                setting(pin, "wua.wscd.pin").map(String::toCharArray).orElse(null));
    }

    /** The property if set, else the system property {@code key}, else its environment variable. */
    static Optional<String> setting(String property, String key) {
        return present(property)
                .or(() -> present(System.getProperty(key)))
                .or(() -> present(System.getenv(environmentName(key))));
    }

    /** {@code wua.wscd.pkcs11.slot-list-index} → {@code WUA_WSCD_PKCS11_SLOT_LIST_INDEX}, as MicroProfile Config maps it. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** Payara sets {@code ${MPCONFIG=key}} as it is when the key has no value: that counts as unset. */
    private static Optional<String> present(String value) {
        if (value == null || value.isBlank() || value.startsWith("${")) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    private static Integer number(String property, String key) throws WscdException {
        Optional<String> value = setting(property, key);
        try {
            return value.isEmpty() ? null : Integer.valueOf(value.get());
        } catch (NumberFormatException e) {
            throw new WscdException(key + " must be a number, not '" + value.get() + "'");
        }
    }

    public String getBackend() { return backend; }
    public void setBackend(String backend) { this.backend = backend; }
    public String getKeyDirectory() { return keyDirectory; }
    public void setKeyDirectory(String keyDirectory) { this.keyDirectory = keyDirectory; }
    public String getKeyStoreFile() { return keyStoreFile; }
    public void setKeyStoreFile(String keyStoreFile) { this.keyStoreFile = keyStoreFile; }
    public String getPassphrase() { return passphrase; }
    public void setPassphrase(String passphrase) { this.passphrase = passphrase; }
    public String getPkcs11Library() { return pkcs11Library; }
    public void setPkcs11Library(String pkcs11Library) { this.pkcs11Library = pkcs11Library; }
    public String getPkcs11Slot() { return pkcs11Slot; }
    public void setPkcs11Slot(String pkcs11Slot) { this.pkcs11Slot = pkcs11Slot; }
    public String getPkcs11SlotListIndex() { return pkcs11SlotListIndex; }
    public void setPkcs11SlotListIndex(String pkcs11SlotListIndex) { this.pkcs11SlotListIndex = pkcs11SlotListIndex; }
    public String getPin() { return pin; }
    public void setPin(String pin) { this.pin = pin; }

    @Override
    public ResourceAdapter getResourceAdapter() { return resourceAdapter; }
    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) { this.resourceAdapter = resourceAdapter; }
    @Override
    public PrintWriter getLogWriter() { return logWriter; }
    @Override
    public void setLogWriter(PrintWriter logWriter) { this.logWriter = logWriter; }

    // the container compares factories by configuration; secrets take part without being printed
    @Override
    public boolean equals(Object other) {
        return other instanceof WscdManagedConnectionFactory that
                && Objects.equals(backend, that.backend) && Objects.equals(keyDirectory, that.keyDirectory)
                && Objects.equals(keyStoreFile, that.keyStoreFile)
                && Objects.equals(passphrase, that.passphrase) && Objects.equals(pkcs11Library, that.pkcs11Library)
                && Objects.equals(pkcs11Slot, that.pkcs11Slot) && Objects.equals(pkcs11SlotListIndex, that.pkcs11SlotListIndex)
                && Objects.equals(pin, that.pin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(backend, keyDirectory, keyStoreFile, pkcs11Library, pkcs11Slot, pkcs11SlotListIndex);
    }
}
