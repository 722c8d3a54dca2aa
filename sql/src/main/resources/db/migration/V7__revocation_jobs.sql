-- Revocation cascades as jobs: one row per cascade that records what it revokes and how far it got,
-- so that a cascade over 100,000 credentials runs in bounded transactions, survives a restart, and
-- is never half-applied without a trace. A node works on a job only while it holds its lease.

CREATE TABLE revocation_job (
    id              VARCHAR(36) PRIMARY KEY,
    kind            VARCHAR(32) NOT NULL,
    target          VARCHAR(256) NOT NULL,
    reason          VARCHAR(1024) NOT NULL,
    requested_by    VARCHAR(128) NOT NULL,
    state           VARCHAR(16) NOT NULL,
    total           INTEGER,
    processed       INTEGER NOT NULL DEFAULT 0,
    revoked         INTEGER NOT NULL DEFAULT 0,
    cursor_id       VARCHAR(36),
    lease_owner     VARCHAR(64),
    lease_until     TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT revocation_job_kind CHECK (kind IN ('wallet_instance', 'certification', 'wallet_provider')),
    CONSTRAINT revocation_job_state CHECK (state IN ('RUNNING', 'DONE'))
);
CREATE INDEX revocation_job_state ON revocation_job (state);
CREATE INDEX issued_credential_ka_status ON issued_credential (ka_status_uri, ka_status_idx);
CREATE INDEX issued_credential_wia_status ON issued_credential (wia_status_uri, wia_status_idx);
