package eu.wua.wscd.outbound;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

    @ConfigProperty(defaultValue = "software", description = "software (a PKCS#12 file) or pkcs11")
    private String backend = TokenSettings.SOFTWARE;
    @ConfigProperty(defaultValue = "data/wscd/wscd.p12", description = "software backend: the key store file")
    private String keyStoreFile = "data/wscd/wscd.p12";
    @ConfigProperty(confidential = true, description = "software backend: the key store passphrase")
    private String passphrase;
    @ConfigProperty(description = "pkcs11 backend: path of the PKCS#11 library")
    private String pkcs11Library;
    @ConfigProperty(description = "pkcs11 backend: slot id (takes precedence over the slot list index)")
    private String pkcs11Slot;
    @ConfigProperty(defaultValue = "0", description = "pkcs11 backend: index in the library's slot list")
    private String pkcs11SlotListIndex = "0";
    @ConfigProperty(confidential = true, description = "pkcs11 backend: the user PIN")
    private String pin;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile KeyStoreToken token;

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
            return new WscdManagedConnection(this, token());
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
    KeyStoreToken token() throws WscdException {
        KeyStoreToken current = token;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (token == null) {
                token = TokenOpener.open(settings());
            }
            return token;
        }
    }

    /** A connection saw the token fail: the next connection request opens it anew. */
    void tokenFailed(KeyStoreToken failed, WscdUnavailable cause) {
        synchronized (this) {
            if (token == failed) {
                token = null;
            }
        }
        if (logWriter != null) {
            logWriter.println("WSCD token unavailable, will reopen: " + cause.getMessage());
        }
    }

    private TokenSettings settings() throws WscdException {
        return new TokenSettings(valueOf(backend).orElse(""),
                valueOf(keyStoreFile).map(Path::of).orElse(null),
                valueOf(passphrase).map(String::toCharArray).orElse(null),
                valueOf(pkcs11Library).orElse(null),
                number("Pkcs11Slot", pkcs11Slot),
                Optional.ofNullable(number("Pkcs11SlotListIndex", pkcs11SlotListIndex)).orElse(0),
                valueOf(pin).map(String::toCharArray).orElse(null));
    }

    /**
     * A property the deployment left unset. Payara leaves {@code ${MPCONFIG=key}} as it is when the
     * key has no value (MicroProfile Config treats an empty value as none), so that counts as unset.
     */
    static Optional<String> valueOf(String property) {
        if (property == null || property.isBlank() || property.startsWith("${")) {
            return Optional.empty();
        }
        return Optional.of(property.trim());
    }

    private static Integer number(String name, String property) throws WscdException {
        Optional<String> value = valueOf(property);
        try {
            return value.isEmpty() ? null : Integer.valueOf(value.get());
        } catch (NumberFormatException e) {
            throw new WscdException(name + " must be a number, not '" + value.get() + "'");
        }
    }

    public String getBackend() { return backend; }
    public void setBackend(String backend) { this.backend = backend; }
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
                && Objects.equals(backend, that.backend) && Objects.equals(keyStoreFile, that.keyStoreFile)
                && Objects.equals(passphrase, that.passphrase) && Objects.equals(pkcs11Library, that.pkcs11Library)
                && Objects.equals(pkcs11Slot, that.pkcs11Slot) && Objects.equals(pkcs11SlotListIndex, that.pkcs11SlotListIndex)
                && Objects.equals(pin, that.pin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(backend, keyStoreFile, pkcs11Library, pkcs11Slot, pkcs11SlotListIndex);
    }
}
