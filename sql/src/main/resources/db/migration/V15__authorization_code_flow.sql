-- The authorization code flow of HAIP (issue #19): pushed authorization requests (RFC 9126), the
-- authorization codes they end in (RFC 6749 §4.1, PKCE RFC 7636), and refresh tokens. Every
-- single-use rule is a conditional UPDATE of one row (opened_at, completed_at, redeemed_at,
-- used_at IS NULL), so that of racers on any node exactly one wins.

-- An offer is the grant a credential is issued on. A pre-authorized one holds the person's
-- attributes from the start; one with the authorization_code grant holds an issuer_state and gets
-- the attributes when the person authenticates; a wallet-initiated authorization is recorded as an
-- offer of that kind, accepted at once.
ALTER TABLE credential_offer ALTER COLUMN pre_authorized_code_hash DROP NOT NULL;
ALTER TABLE credential_offer ALTER COLUMN tx_code_hash DROP NOT NULL;
ALTER TABLE credential_offer ALTER COLUMN subject_attributes DROP NOT NULL;
ALTER TABLE credential_offer ADD COLUMN grant_type VARCHAR(64) DEFAULT 'urn:ietf:params:oauth:grant-type:pre-authorized_code' NOT NULL;
ALTER TABLE credential_offer ADD COLUMN issuer_state_hash VARCHAR(64);
ALTER TABLE credential_offer ADD COLUMN authenticator VARCHAR(64);
CREATE UNIQUE INDEX credential_offer_issuer_state ON credential_offer (issuer_state_hash);

CREATE TABLE pushed_authorization_request (
    request_uri_hash             VARCHAR(64) PRIMARY KEY,
    client_id                    VARCHAR(512) NOT NULL,
    wallet_provider_id           VARCHAR(36) NOT NULL,
    -- every wallet instance of a provider shares its client_id (the WIA sub): the instance key tells them apart
    instance_key_thumbprint      VARCHAR(64) NOT NULL,
    redirect_uri                 VARCHAR(2048) NOT NULL,
    code_challenge               VARCHAR(128) NOT NULL,
    credential_configuration_id  VARCHAR(128) NOT NULL REFERENCES credential_configuration (id),
    authorization_details        VARCHAR(4000),
    state                        VARCHAR(1024),
    offer_id                     VARCHAR(36) REFERENCES credential_offer (id),
    dpop_jkt                     VARCHAR(64),
    created_at                   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at                   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the authorization endpoint took the request_uri (once) and gave the browser this session
    opened_at                    TIMESTAMP WITH TIME ZONE,
    session_hash                 VARCHAR(64),
    authentication_failures      INTEGER DEFAULT 0 NOT NULL,
    -- a code was issued, or the request is void (too many failures, or the person declined)
    completed_at                 TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX pushed_authorization_session ON pushed_authorization_request (session_hash);

CREATE TABLE authorization_code (
    code_hash                    VARCHAR(64) PRIMARY KEY,
    offer_id                     VARCHAR(36) NOT NULL REFERENCES credential_offer (id),
    client_id                    VARCHAR(512) NOT NULL,
    instance_key_thumbprint      VARCHAR(64) NOT NULL,
    redirect_uri                 VARCHAR(2048) NOT NULL,
    code_challenge               VARCHAR(128) NOT NULL,
    dpop_jkt                     VARCHAR(64),
    authorization_details        VARCHAR(4000),
    issued_at                    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at                   TIMESTAMP WITH TIME ZONE NOT NULL,
    redeemed_at                  TIMESTAMP WITH TIME ZONE
);

-- tokens issued from a code are revoked when the code is used again (RFC 6749 §4.1.2)
ALTER TABLE access_token ADD COLUMN authorization_code_hash VARCHAR(64);
CREATE INDEX access_token_authorization_code ON access_token (authorization_code_hash);
-- VCI §6.2: a token whose authorization named its configuration by authorization_details comes with
-- a credential_identifier, and credential requests must use it (VCI §8.2)
ALTER TABLE access_token ADD COLUMN credential_identifier VARCHAR(128);

-- refresh tokens: DPoP-bound, rotated on every use, none after the horizon of the authorization
CREATE TABLE refresh_token (
    token_hash                   VARCHAR(64) PRIMARY KEY,
    offer_id                     VARCHAR(36) NOT NULL REFERENCES credential_offer (id),
    credential_configuration_id  VARCHAR(128) NOT NULL REFERENCES credential_configuration (id),
    client_id                    VARCHAR(512) NOT NULL,
    wallet_provider_id           VARCHAR(36) NOT NULL,
    instance_key_thumbprint      VARCHAR(64) NOT NULL,
    dpop_jkt                     VARCHAR(64) NOT NULL,
    authorization_code_hash      VARCHAR(64) NOT NULL,
    authorization_details        VARCHAR(4000),
    issued_at                    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at                   TIMESTAMP WITH TIME ZONE NOT NULL,
    horizon_ends_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at                      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX refresh_token_authorization_code ON refresh_token (authorization_code_hash);
