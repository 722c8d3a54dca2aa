-- The person an offer is for, as a digest of the identifying PID attributes (family_name,
-- given_name, birthdate), so that every credential of one PID subject can be revoked across
-- offers. Offers made before this migration have none and are reached through their offer only.
ALTER TABLE credential_offer ADD COLUMN subject_ref VARCHAR(64);
CREATE INDEX credential_offer_subject ON credential_offer (subject_ref);

-- A Wallet Provider withdrawal walks that provider's credentials in id order, chunk after chunk
-- from a cursor: without this index every chunk would sort all of them again.
CREATE INDEX issued_credential_provider ON issued_credential (wallet_provider_id, id);

-- The console's dashboard counts credentials issued per hour, and its credentials page searches by time.
CREATE INDEX issued_credential_issued_at ON issued_credential (issued_at);
