package eu.wua.wscd.outbound;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdException;
import eu.wua.wscd.WscdUnavailable;

/**
 * A pooled connection to the factory's shared token. It asks the factory for the token on every
 * call, so that pooled connections follow a token that was opened again after a failure instead
 * of failing one by one.
 */
final class WscdManagedConnection implements ManagedConnection {

    private final WscdManagedConnectionFactory factory;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<WscdConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private PrintWriter logWriter;

    WscdManagedConnection(WscdManagedConnectionFactory factory) {
        this.factory = factory;
    }

    boolean belongsTo(WscdManagedConnectionFactory candidate) {
        return factory.equals(candidate);
    }

    Token token() throws WscdException {
        return factory.token();
    }

    /** Called by the container to hand an application a handle on this connection. */
    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        WscdConnectionHandle handle = new WscdConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    /** Called by the container to move a handle onto this connection. */
    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof WscdConnectionHandle handle)) {
            throw new ResourceException("not a WSCD connection handle: " + connection);
        }
        handle.moveTo(this);
        handles.add(handle);
    }

    /** Called by the container before the connection returns to the pool: old handles die. */
    @Override
    public void cleanup() {
        handles.forEach(WscdConnectionHandle::invalidate);
        handles.clear();
    }

    /** Called by the container when it drops the connection from the pool. */
    @Override
    public void destroy() {
        cleanup();
    }

    void handleClosed(WscdConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionClosed(event));
    }

    void tokenFailed(Token token, WscdConnectionHandle handle, WscdUnavailable cause) {
        factory.tokenFailed(token, cause);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        event.setConnectionHandle(handle);
        listeners.forEach(listener -> listener.connectionErrorOccurred(event));
    }

    /** Called by the container to follow this connection's life. */
    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    /** Called by the container when it stops following this connection. */
    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    /** Signing is not transactional (NoTransaction). */
    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("the WSCD does not take part in transactions");
    }

    /** Signing is not transactional (NoTransaction). */
    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("the WSCD does not take part in transactions");
    }

    /** Called by tools that describe the pool. */
    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override public String getEISProductName() { return "WUA WSCD"; }
            @Override public String getEISProductVersion() { return "1"; }
            @Override public int getMaxConnections() { return 0; }
            @Override public String getUserName() { return ""; }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
