/**
 * Token Status Lists: allocating indexes (random, never reused), changing entries, the one
 * encoding, publishing signed lists and reading other providers' lists; and the mechanics of
 * revocation cascades (jobs, leases, chunks, causes), which are handed what they revoke by the
 * capabilities that own it ({@link eu.wua.status.CascadeCauses}, {@link eu.wua.status.RevocableCredentials}).
 * <p>Owns {@code status_list_entry}, {@code status_list_allocation}, {@code revocation_job} and
 * {@code revocation_job_cause}. May use: {@code trust}, {@code console}, {@code audit}, {@code platform}, {@code wscd}.
 */
package eu.wua.status;
