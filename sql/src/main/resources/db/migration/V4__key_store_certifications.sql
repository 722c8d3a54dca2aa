-- The certification registry: what a certifier recorded about the WSCD models the Wallet Provider
-- runs. A Key Attestation's key_storage / user_authentication / certification come from here, and
-- the attestation remembers which certification it named, so that withdrawing it finds them.

CREATE TABLE key_store_certification (
    id                   VARCHAR(64) PRIMARY KEY,
    wscd_backend         VARCHAR(16) NOT NULL,
    model                VARCHAR(256) NOT NULL,
    scheme               VARCHAR(256) NOT NULL,
    key_storage          VARCHAR(32) NOT NULL,
    user_authentication  VARCHAR(32) NOT NULL,
    certification_url    VARCHAR(1024) NOT NULL,
    valid_from           TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until          TIMESTAMP WITH TIME ZONE NOT NULL,
    state                VARCHAR(16) NOT NULL,
    recorded_by          VARCHAR(128) NOT NULL,
    recorded_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    withdrawn_at         TIMESTAMP WITH TIME ZONE,
    withdrawn_reason     VARCHAR(1024),
    CONSTRAINT certification_backend CHECK (wscd_backend IN ('pkcs11', 'software')),
    CONSTRAINT certification_state CHECK (state IN ('CERTIFIED', 'WITHDRAWN')),
    CONSTRAINT certification_levels CHECK (key_storage IN ('iso_18045_high', 'iso_18045_moderate', 'iso_18045_enhanced-basic', 'iso_18045_basic')
        AND user_authentication IN ('iso_18045_high', 'iso_18045_moderate', 'iso_18045_enhanced-basic', 'iso_18045_basic')),
    -- issue #4: a software key store is never attested as high, whoever records it
    CONSTRAINT software_never_high CHECK (wscd_backend <> 'software' OR (key_storage <> 'iso_18045_high' AND user_authentication <> 'iso_18045_high')),
    CONSTRAINT certification_validity CHECK (valid_until > valid_from)
);

ALTER TABLE key_attestation ADD COLUMN certification_id VARCHAR(64) REFERENCES key_store_certification (id);
CREATE INDEX key_attestation_certification ON key_attestation (certification_id);
