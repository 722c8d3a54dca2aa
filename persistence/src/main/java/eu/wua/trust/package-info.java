/** The trust list: Wallet Providers whose attestations the issuer accepts, and their CA certificates. */
package eu.wua.trust;
