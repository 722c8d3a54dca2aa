-- The presentation verifier's challenges (issue #20): a nonce is used by one presentation, on any
-- node (a conditional UPDATE of consumed_at), and lives a few minutes.
CREATE TABLE verifier_nonce (
    nonce        VARCHAR(64) PRIMARY KEY,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    consumed_at  TIMESTAMP WITH TIME ZONE
);
