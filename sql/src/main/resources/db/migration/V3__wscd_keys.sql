-- Keys the Wallet Provider generated in the WSCD for wallet instances, and the Key Attestations over them.

CREATE TABLE key_attestation (
    id               VARCHAR(36) PRIMARY KEY,
    instance_id      VARCHAR(36) NOT NULL REFERENCES wallet_instance (id),
    profile          VARCHAR(16) NOT NULL,
    status_list_id   VARCHAR(64) NOT NULL,
    status_idx       INTEGER NOT NULL,
    key_storage      VARCHAR(64) NOT NULL,
    issued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT key_attestation_profile CHECK (profile IN ('openid4vci', 'ts3')),
    FOREIGN KEY (status_list_id, status_idx) REFERENCES status_list_entry (list_id, idx)
);

-- Each key appears in one Key Attestation only (TS3 2.2.2.1): the column is NOT NULL and never updated.
CREATE TABLE wscd_key (
    kid                 VARCHAR(64) PRIMARY KEY,
    instance_id         VARCHAR(36) NOT NULL REFERENCES wallet_instance (id),
    key_handle          VARCHAR(130) NOT NULL UNIQUE,
    key_attestation_id  VARCHAR(36) NOT NULL REFERENCES key_attestation (id),
    public_jwk          VARCHAR(1024) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX wscd_key_instance ON wscd_key (instance_id);
