/**
 * The trust list: the Wallet Providers whose attestations the issuer accepts, their CA
 * certificates, and PKIX validation of x5c chains to them; the providers taken from the
 * Commission's List of Trusted Entities (ETSI TS 119 602, signatures checked with the EU's DSS)
 * beside those added locally. A withdrawal is announced
 * ({@link eu.wua.trust.WalletProviderWithdrawn}), not carried out here on what rests on it.
 * <p>Owns {@code trusted_wallet_provider}, {@code trust_anchor},
 * {@code trusted_wallet_provider_status_host} and {@code lote_source}. May use: {@code console},
 * {@code audit}, {@code platform}, {@code wscd}.
 */
package eu.wua.trust;
