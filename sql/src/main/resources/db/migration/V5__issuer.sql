-- The credential issuer: offers with their pre-authorized codes, c_nonces, the PoP jtis of client
-- attestations, access tokens, the Key Attestations used (once each), and the credentials issued.
-- Every single-use rule is a primary key or a conditional UPDATE, so that it holds across nodes.

CREATE TABLE credential_offer (
    id                           VARCHAR(36) PRIMARY KEY,
    credential_configuration_id  VARCHAR(128) NOT NULL REFERENCES credential_configuration (id),
    pre_authorized_code_hash     VARCHAR(64) NOT NULL UNIQUE,
    tx_code_hash                 VARCHAR(512) NOT NULL,
    tx_code_failures             INTEGER NOT NULL DEFAULT 0,
    subject_attributes           VARCHAR(16000) NOT NULL,
    created_by                   VARCHAR(128) NOT NULL,
    created_at                   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at                   TIMESTAMP WITH TIME ZONE NOT NULL,
    redeemed_at                  TIMESTAMP WITH TIME ZONE
);

CREATE TABLE issuer_nonce (
    nonce        VARCHAR(64) PRIMARY KEY,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    consumed_at  TIMESTAMP WITH TIME ZONE
);

-- A client attestation PoP's jti is used once per wallet instance key (ABCA-07 §12.1).
CREATE TABLE client_attestation_jti (
    instance_key_thumbprint  VARCHAR(64) NOT NULL,
    jti                      VARCHAR(128) NOT NULL,
    used_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (instance_key_thumbprint, jti)
);

-- Only the SHA-256 of an access token is kept; the token is bound to the wallet instance's key.
CREATE TABLE access_token (
    token_hash                   VARCHAR(64) PRIMARY KEY,
    offer_id                     VARCHAR(36) NOT NULL REFERENCES credential_offer (id),
    credential_configuration_id  VARCHAR(128) NOT NULL REFERENCES credential_configuration (id),
    wallet_provider_id           VARCHAR(36) NOT NULL REFERENCES trusted_wallet_provider (id),
    instance_key_thumbprint      VARCHAR(64) NOT NULL,
    wia_status_uri               VARCHAR(1024),
    wia_status_idx               INTEGER,
    wia_status_exp               TIMESTAMP WITH TIME ZONE,
    issued_at                    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at                   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- TS3: a Key Attestation is used for one issuance only, ever.
CREATE TABLE used_key_attestation (
    key_attestation_hash  VARCHAR(64) PRIMARY KEY,
    used_at               TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE issued_credential (
    id                           VARCHAR(36) PRIMARY KEY,
    offer_id                     VARCHAR(36) NOT NULL REFERENCES credential_offer (id),
    credential_configuration_id  VARCHAR(128) NOT NULL REFERENCES credential_configuration (id),
    wallet_provider_id           VARCHAR(36) NOT NULL REFERENCES trusted_wallet_provider (id),
    key_attestation_hash         VARCHAR(64) NOT NULL REFERENCES used_key_attestation (key_attestation_hash),
    key_thumbprint               VARCHAR(64) NOT NULL,
    status_list_id               VARCHAR(64) NOT NULL,
    status_idx                   INTEGER NOT NULL,
    ka_status_uri                VARCHAR(1024),
    ka_status_idx                INTEGER,
    wia_status_uri               VARCHAR(1024),
    wia_status_idx               INTEGER,
    issued_at                    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at                   TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (status_list_id, status_idx) REFERENCES status_list_entry (list_id, idx)
);
CREATE INDEX issued_credential_offer ON issued_credential (offer_id);
CREATE INDEX issued_credential_ka ON issued_credential (key_attestation_hash);
CREATE INDEX issued_credential_wallet_provider ON issued_credential (wallet_provider_id);
