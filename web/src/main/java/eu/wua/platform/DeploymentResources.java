package eu.wua.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * The resources this deployment binds, configured through MicroProfile Config at launch (system
 * properties, environment variables, or META-INF/microprofile-config.properties for the defaults):
 * the database ({@code java:app/jdbc/wua}) and the WSCD ({@code java:app/wscd}, from the adapter
 * deployed as {@code wscd-connector.rar}). The adapter reads its own {@code wua.wscd.*} settings
 * from system properties and the environment (see WscdManagedConnectionFactory).
 */
@ApplicationScoped
@DataSourceDefinition(name = "java:app/jdbc/wua",
        className = "${MPCONFIG=wua.db.class}",
        url = "${MPCONFIG=wua.db.url}",
        user = "${MPCONFIG=wua.db.user}",
        password = "${MPCONFIG=wua.db.password}",
        minPoolSize = 2, maxPoolSize = 32)
@ConnectionFactoryDefinition(name = "java:app/wscd",
        interfaceName = "eu.wua.wscd.WscdConnectionFactory",
        resourceAdapter = "wscd-connector",
        transactionSupport = TransactionSupportLevel.NoTransaction,
        minPoolSize = 2, maxPoolSize = 64)
public class DeploymentResources {
}
