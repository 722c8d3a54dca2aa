-- Trust from the Commission's List of Trusted Entities (issue #23, ETSI TS 119 602): a Wallet
-- Provider comes from the list or is added locally; the list can suspend it; an administrator can
-- suspend a listed one locally, which a refresh of the list does not undo.
ALTER TABLE trusted_wallet_provider DROP CONSTRAINT wallet_provider_state;
ALTER TABLE trusted_wallet_provider ADD CONSTRAINT wallet_provider_state CHECK (state IN ('TRUSTED', 'SUSPENDED', 'WITHDRAWN'));
ALTER TABLE trusted_wallet_provider ADD COLUMN origin VARCHAR(8) DEFAULT 'LOCAL' NOT NULL;
ALTER TABLE trusted_wallet_provider ADD CONSTRAINT wallet_provider_origin CHECK (origin IN ('LOCAL', 'LOTE'));
-- the list version it was last read from, its service status there, and until when that list vouches for it
ALTER TABLE trusted_wallet_provider ADD COLUMN listed_sequence_number BIGINT;
ALTER TABLE trusted_wallet_provider ADD COLUMN listed_issued_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE trusted_wallet_provider ADD COLUMN listed_status VARCHAR(512);
ALTER TABLE trusted_wallet_provider ADD COLUMN listed_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE trusted_wallet_provider ADD COLUMN local_suspension_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE trusted_wallet_provider ADD COLUMN local_suspension_by VARCHAR(256);
ALTER TABLE trusted_wallet_provider ADD COLUMN local_suspension_reason VARCHAR(1024);

-- The list's source: what was last imported and how the last fetch went. One row; a node refreshes
-- only while it holds the lease, so that several nodes fetch one at a time.
CREATE TABLE lote_source (
    id                    INTEGER PRIMARY KEY,
    location              VARCHAR(2048),
    sequence_number       BIGINT,
    list_type             VARCHAR(512),
    issued_at             TIMESTAMP WITH TIME ZONE,
    next_update           TIMESTAMP WITH TIME ZONE,
    document_sha256       VARCHAR(64),
    signature_format      VARCHAR(16),
    signer_subject        VARCHAR(1024),
    signer_sha256         VARCHAR(64),
    entities              INTEGER,
    imported_at           TIMESTAMP WITH TIME ZONE,
    last_attempt_at       TIMESTAMP WITH TIME ZONE,
    last_success_at       TIMESTAMP WITH TIME ZONE,
    last_failure_at       TIMESTAMP WITH TIME ZONE,
    last_failure_reason   VARCHAR(1024),
    lease_owner           VARCHAR(128),
    lease_until           TIMESTAMP WITH TIME ZONE
);
INSERT INTO lote_source (id) VALUES (1);
