/**
 * The audit trail: every capability records its security-relevant events here, as links of a hash
 * chain with signed checkpoints, exported and verified offline.
 * <p>Owns {@code audit_event}, {@code audit_chain_head} and {@code audit_checkpoint}. May use:
 * {@code platform}, {@code wscd}.
 */
package eu.wua.audit;
