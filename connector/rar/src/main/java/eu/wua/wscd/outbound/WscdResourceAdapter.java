package eu.wua.wscd.outbound;

import javax.transaction.xa.XAResource;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

/** The adapter: outbound only. Tokens are opened by each managed connection factory, lazily. */
@Connector(displayName = "WUA WSCD", vendorName = "WUA Platform", eisType = "PKCS#11 WSCD",
        version = "1.0", transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class WscdResourceAdapter implements ResourceAdapter {

    /** Called once when the adapter is deployed. */
    @Override
    public void start(BootstrapContext context) {
        // nothing to start: a token is opened on the first connection request
    }

    /** Called once when the adapter is undeployed. */
    @Override
    public void stop() {
        // managed connection factories close their tokens when their connections are destroyed
    }

    /** Inbound messaging is not offered. */
    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws NotSupportedException {
        throw new NotSupportedException("the WSCD adapter has no inbound side");
    }

    /** Inbound messaging is not offered. */
    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        // never activated
    }

    /** No XA: signing is not transactional. */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WscdResourceAdapter;
    }

    @Override
    public int hashCode() {
        return WscdResourceAdapter.class.hashCode();
    }
}
