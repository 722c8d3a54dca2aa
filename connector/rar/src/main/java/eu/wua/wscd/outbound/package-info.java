/**
 * The resource adapter's outbound side: the managed connection factory the container pools, and
 * the token backends (PKCS#11 through SunPKCS11, or a software PKCS#12 key store) behind it.
 */
package eu.wua.wscd.outbound;
