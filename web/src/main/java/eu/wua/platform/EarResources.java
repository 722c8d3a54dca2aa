package eu.wua.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * The WSCD's connection factory in the EAR, for full application servers (only the EAR's WAR carries this
 * class, and only the Payara Micro WAR carries {@link DeploymentResources}): the same name and pool, from the
 * adapter embedded in the EAR ({@code #wscd-connector}: each server resolves "#" to the enclosing
 * application, WildFly only from a module, so it is here and not in {@code application.xml}, which defines
 * the data source).
 */
@ApplicationScoped
@ConnectionFactoryDefinition(name = "java:app/wscd",
        interfaceName = "eu.wua.wscd.WscdConnectionFactory",
        resourceAdapter = "#wscd-connector",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 2, maxPoolSize = 64)
public class EarResources {
}
