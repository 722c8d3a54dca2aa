/** The platform's side of the WSCD: the one place that looks up the resource adapter. */
package eu.wua.wscd;
