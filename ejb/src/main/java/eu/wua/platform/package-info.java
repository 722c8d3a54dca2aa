/**
 * The platform's own life: schema migration at start-up, its keys in the WSCD with their
 * certificates, settings, the steps done once per database, the clock, and what every capability
 * shares (the JSON provider, the request-body reader, signature verification, the slow hash, the
 * ISO 18045 vocabulary), and the pruning of the single-use rows each capability names
 * ({@link eu.wua.platform.ExpiringRows}).
 * <p>Owns {@code platform_key}, {@code bootstrap_step} and {@code expired_row_pruning}. May use: {@code wscd}.
 */
package eu.wua.platform;
