-- WIA status per wallet instance and Credential Issuer (issue #21, TS3 §2.5.1): the WIAs an instance
-- asks for one issuer share one status list entry, so its daily WIAs no longer take an entry each;
-- WIAs for another issuer, or for none named, get entries of their own, so that two issuers cannot
-- link a wallet unit by its status index.
CREATE TABLE wia_status_assignment (
    instance_id     VARCHAR(36) NOT NULL REFERENCES wallet_instance (id),
    audience_hash   VARCHAR(64) NOT NULL,
    status_list_id  VARCHAR(64) NOT NULL,
    status_idx      INTEGER NOT NULL,
    assigned_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (instance_id, audience_hash)
);
