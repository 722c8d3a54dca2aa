-- DPoP (RFC 9449, issue #19): a proof's jti is used once per key, on every node (the primary key
-- refuses a replay); server nonces are rows every node can look up; an access token bound to a
-- DPoP key keeps the key's RFC 7638 thumbprint (cnf.jkt).
CREATE TABLE dpop_proof_jti (
    key_thumbprint  VARCHAR(64) NOT NULL,
    jti             VARCHAR(128) NOT NULL,
    used_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (key_thumbprint, jti)
);

CREATE TABLE dpop_nonce (
    nonce       VARCHAR(64) PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE access_token ADD COLUMN dpop_jkt VARCHAR(64);
