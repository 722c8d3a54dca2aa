/**
 * The WSCD as applications see it: {@link eu.wua.wscd.WscdConnectionFactory} hands out a
 * {@link eu.wua.wscd.WscdConnection} that generates EC P-256 keys, signs with them and destroys them.
 * Private keys never cross this interface.
 */
package eu.wua.wscd;
