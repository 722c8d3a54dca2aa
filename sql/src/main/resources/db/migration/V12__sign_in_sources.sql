-- Sign-in failures are counted per account and source address (issue #18): five wrong passwords
-- lock that source out of that account only, so a stranger cannot lock an administrator out. A
-- source the account signed in from recently is a known one: the account-wide limit (ASVS 4.0.3
-- V2.2.1: at most 100 failures per hour on one account) does not stop it.
CREATE TABLE console_sign_in_source (
    username         VARCHAR(64) NOT NULL REFERENCES console_user (username) ON DELETE CASCADE,
    source           VARCHAR(64) NOT NULL,
    failures         INTEGER NOT NULL DEFAULT 0,
    locked_until     TIMESTAMP WITH TIME ZONE,
    last_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_success_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (username, source)
);

-- console_user.failed_logins and locked_until now count the account's failures from every source
-- in the hour that began at failure_window_start.
ALTER TABLE console_user ADD COLUMN failure_window_start TIMESTAMP WITH TIME ZONE;
UPDATE console_user SET failed_logins = 0, locked_until = NULL;
