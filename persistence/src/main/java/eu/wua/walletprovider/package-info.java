/** The Wallet Provider's records: wallet instances, their single-use nonces and proof ids, their WIAs. */
package eu.wua.walletprovider;
