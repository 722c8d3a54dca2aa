/**
 * The audit trail: every capability records its security-relevant events here; a sealer makes them
 * leaves of a Merkle log (RFC 9162) with signed tree heads; exports and proofs verify offline.
 * <p>Owns {@code audit_event}, {@code audit_log_state}, {@code audit_tree_node} and {@code audit_checkpoint}.
 * May use: {@code platform}, {@code wscd}.
 */
package eu.wua.audit;
