/**
 * The people who run the platform: console accounts, their roles, sign-in throttled by account
 * and source address.
 * <p>Owns {@code console_user} and {@code console_sign_in_source}. May use: {@code audit}, {@code platform}, {@code wscd}.
 */
package eu.wua.console;
