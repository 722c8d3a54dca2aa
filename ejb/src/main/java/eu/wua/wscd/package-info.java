/**
 * The platform's side of the WSCD: the one place that looks up the resource adapter.
 * <p>Owns no tables. May use: nothing of the platform (it is the bottom layer, with the adapter's API).
 */
package eu.wua.wscd;
