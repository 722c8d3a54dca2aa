-- The hosts a trusted Wallet Provider publishes its status lists on (issue #18): the issuer fetches a
-- list only from these and from the host of the provider's identifier, so a provider's token cannot
-- make the issuer call any address it names.
CREATE TABLE trusted_wallet_provider_status_host (
    provider_id  VARCHAR(36) NOT NULL REFERENCES trusted_wallet_provider (id) ON DELETE CASCADE,
    host         VARCHAR(261) NOT NULL,
    PRIMARY KEY (provider_id, host)
);
