package eu.wua.platform;

import java.util.Map;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import org.hibernate.engine.transaction.jta.platform.internal.StandardJtaPlatformResolver;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformResolver;
import org.hibernate.service.spi.ServiceRegistryImplementor;

/**
 * The JTA platform of the server the persistence unit runs on ({@code persistence.xml}). WildFly hands
 * Hibernate its own and never asks; on Payara (Micro and Server) Hibernate's detection finds none, so the
 * transaction manager Payara binds is looked for first. Naming the platform in {@code persistence.xml}
 * instead would tie the one EAR to one server.
 */
public final class ServerJtaPlatform implements JtaPlatformResolver {

    private static final String PAYARA_TRANSACTION_MANAGER = "java:appserver/TransactionManager";

    @Override
    @SuppressWarnings("rawtypes") // the SPI's signature
    public JtaPlatform resolveJtaPlatform(Map settings, ServiceRegistryImplementor registry) {
        if (bound(PAYARA_TRANSACTION_MANAGER)) {
            return new SunOneJtaPlatform();
        }
        return StandardJtaPlatformResolver.INSTANCE.resolveJtaPlatform(settings, registry);
    }

    private static boolean bound(String name) {
        try {
            return InitialContext.doLookup(name) != null;
        } catch (NamingException e) {
            return false;
        }
    }
}
