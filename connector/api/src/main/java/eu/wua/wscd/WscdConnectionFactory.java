package eu.wua.wscd;

import java.io.Serializable;

import jakarta.resource.Referenceable;

/** The connection factory the resource adapter binds in JNDI (for example {@code java:app/wscd}). */
public interface WscdConnectionFactory extends Serializable, Referenceable {

    /**
     * A connection from the container's pool; close it (try-with-resources) to hand it back.
     *
     * @throws WscdUnavailable when the token cannot be reached
     */
    WscdConnection getConnection() throws WscdUnavailable;
}
