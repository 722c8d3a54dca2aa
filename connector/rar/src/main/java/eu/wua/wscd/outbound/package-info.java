/**
 * The resource adapter's outbound side: the managed connection factory the container pools, and
 * the token backends behind it: a PKCS#11 token called directly ({@link eu.wua.wscd.outbound.Pkcs11Token}),
 * or the software key directory ({@link eu.wua.wscd.outbound.SoftwareToken}).
 */
package eu.wua.wscd.outbound;
