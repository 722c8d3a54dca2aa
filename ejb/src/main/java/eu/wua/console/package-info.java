/**
 * The people who run the platform: console accounts, their roles, sign-in with lockout.
 * <p>Owns {@code console_user}. May use: {@code audit}, {@code platform}, {@code wscd}.
 */
package eu.wua.console;
