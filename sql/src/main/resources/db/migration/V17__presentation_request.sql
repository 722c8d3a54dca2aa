-- OpenID4VP requests of the re-issuance authenticator (issue #20): one per authorization page shown,
-- fetched by reference, answered once (a conditional UPDATE of responded_at), the result taken once by
-- the browser that came back with the response code (resumed_at). The authorization is an opaque
-- reference: the verifier does not read the issuer's tables. Secrets are kept as SHA-256 only.
CREATE TABLE presentation_request (
    id                  VARCHAR(64) PRIMARY KEY,
    authorization_ref   VARCHAR(64) NOT NULL,
    state_hash          VARCHAR(64) NOT NULL UNIQUE,
    nonce               VARCHAR(64) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    responded_at        TIMESTAMP WITH TIME ZONE,
    response_code_hash  VARCHAR(64) UNIQUE,
    outcome             VARCHAR(16),
    refusal             VARCHAR(512),
    claims              TEXT,
    key_binding_key_id  VARCHAR(64),
    resumed_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX presentation_request_authorization ON presentation_request (authorization_ref);
