package eu.wua.wscd.outbound;

import javax.naming.Reference;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import eu.wua.wscd.WscdConnection;
import eu.wua.wscd.WscdConnectionFactory;
import eu.wua.wscd.WscdException;
import eu.wua.wscd.WscdUnavailable;

/** What applications look up: asks the container's connection manager for a pooled connection. */
final class PooledWscdConnectionFactory implements WscdConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final WscdManagedConnectionFactory managedFactory;
    private final transient ConnectionManager manager;
    private Reference reference;

    PooledWscdConnectionFactory(WscdManagedConnectionFactory managedFactory, ConnectionManager manager) {
        this.managedFactory = managedFactory;
        this.manager = manager;
    }

    @Override
    public WscdConnection getConnection() throws WscdUnavailable {
        try {
            if (manager == null) {
                return (WscdConnection) managedFactory.createManagedConnection(null, null).getConnection(null, null);
            }
            return (WscdConnection) manager.allocateConnection(managedFactory, null);
        } catch (ResourceException e) {
            Throwable cause = e.getCause() instanceof WscdException ? e.getCause() : e;
            throw new WscdUnavailable("the WSCD is unavailable: " + cause.getMessage(), cause);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
