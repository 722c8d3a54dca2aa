package eu.wua.wscd;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/** The WSCD connection factory bound by the deployment ({@code java:app/wscd}). */
@ApplicationScoped
public class Wscd {

    @Resource(lookup = "java:app/wscd")
    private WscdConnectionFactory connections;

    /** A pooled connection; close it with try-with-resources. */
    public WscdConnection connect() throws WscdUnavailable {
        return connections.getConnection();
    }
}
