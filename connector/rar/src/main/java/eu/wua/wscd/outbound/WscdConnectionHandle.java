package eu.wua.wscd.outbound;

import java.security.interfaces.ECPublicKey;
import java.util.List;

import eu.wua.wscd.GeneratedKey;
import eu.wua.wscd.KeyHandle;
import eu.wua.wscd.KeyOwner;
import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdDescription;
import eu.wua.wscd.WscdException;
import eu.wua.wscd.WscdUnavailable;

/** The handle an application holds; valid until closed or until the container cleans it up. */
final class WscdConnectionHandle implements WscdConnection {

    private volatile WscdManagedConnection connection;

    WscdConnectionHandle(WscdManagedConnection connection) {
        this.connection = connection;
    }

    @Override
    public GeneratedKey generateKey(KeyOwner owner, String label) throws WscdException {
        WscdManagedConnection c = live();
        return watch(c, () -> c.token().generate(owner, label));
    }

    @Override
    public ECPublicKey publicKey(KeyHandle key) throws WscdException {
        WscdManagedConnection c = live();
        return watch(c, () -> c.token().publicKey(key));
    }

    @Override
    public byte[] signEs256(KeyHandle key, byte[] data) throws WscdException {
        WscdManagedConnection c = live();
        return watch(c, () -> c.token().signEs256(c.es256(), key, data));
    }

    @Override
    public void destroy(KeyHandle key) throws WscdException {
        WscdManagedConnection c = live();
        watch(c, () -> {
            c.token().destroy(key);
            return null;
        });
    }

    @Override
    public List<KeyHandle> keysOf(KeyOwner owner) throws WscdException {
        WscdManagedConnection c = live();
        return watch(c, () -> c.token().keysOf(owner));
    }

    @Override
    public WscdDescription describe() throws WscdException {
        WscdManagedConnection c = live();
        return watch(c, () -> {
            c.token().probe();
            return c.token().description();
        });
    }

    @Override
    public void close() {
        WscdManagedConnection c = connection;
        connection = null;
        if (c != null) {
            c.handleClosed(this);
        }
    }

    void invalidate() {
        connection = null;
    }

    void moveTo(WscdManagedConnection other) {
        connection = other;
    }

    private WscdManagedConnection live() throws WscdException {
        WscdManagedConnection c = connection;
        if (c == null) {
            throw new WscdException("this WSCD connection is closed");
        }
        return c;
    }

    private interface TokenCall<T> {
        T call() throws WscdException;
    }

    /** A dead token is reported to the container, which then discards this pooled connection. */
    private <T> T watch(WscdManagedConnection c, TokenCall<T> call) throws WscdException {
        try {
            return call.call();
        } catch (WscdUnavailable e) {
            c.tokenFailed(this, e);
            throw e;
        }
    }
}
