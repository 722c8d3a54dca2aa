-- A cascade from a revoked wallet instance or a withdrawn certification starts from the status
-- entries of the attestations withdrawn (the WIAs' and KAs' list URI and index, as the issuer's
-- credentials name them): the Wallet Provider states them when the job starts, the revocation
-- cascade keeps them here, and the issuer finds the credentials resting on them in its own table.
-- No capability's query joins another's tables (docs/ARCHITECTURE.md).
CREATE TABLE revocation_job_cause (
    job_id      VARCHAR(36) NOT NULL REFERENCES revocation_job (id),
    seq         INTEGER NOT NULL,
    status_uri  VARCHAR(1024) NOT NULL,
    status_idx  INTEGER NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- How far the job has gone through its causes (a chunk takes a run of them); jobs started before
-- this migration have none recorded: cause_cursor NULL, and the worker asks for them first.
ALTER TABLE revocation_job ADD COLUMN cause_cursor INTEGER;
