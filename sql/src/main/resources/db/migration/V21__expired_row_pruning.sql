-- Single-use rows (nonces and proof jtis) are pruned once no check can
-- need them (issue #21: at national scale they are tens of millions a day). Used Key Attestations stay:
-- the credentials issued on them refer to them. Each family is pruned by one node per interval: the
-- node that moves its next_run_at forward.
CREATE TABLE expired_row_pruning (
    rows_name    VARCHAR(100) PRIMARY KEY,
    next_run_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the pruning's range scans, oldest first
CREATE INDEX wallet_provider_nonce_expires_at ON wallet_provider_nonce (expires_at);
CREATE INDEX instance_proof_jti_used_at ON instance_proof_jti (used_at);
CREATE INDEX issuer_nonce_expires_at ON issuer_nonce (expires_at);
CREATE INDEX client_attestation_jti_used_at ON client_attestation_jti (used_at);
CREATE INDEX dpop_proof_jti_used_at ON dpop_proof_jti (used_at);
CREATE INDEX verifier_nonce_expires_at ON verifier_nonce (expires_at);
