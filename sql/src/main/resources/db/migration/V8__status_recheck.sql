-- The 24-hour re-check of the WIA and KA behind every live credential runs on one node at a time:
-- the node that holds this row's lease. The row also keeps the last run's report.

CREATE TABLE status_recheck (
    id            INTEGER PRIMARY KEY,
    lease_owner   VARCHAR(64),
    lease_until   TIMESTAMP WITH TIME ZONE,
    last_started  TIMESTAMP WITH TIME ZONE,
    last_finished TIMESTAMP WITH TIME ZONE,
    checked       INTEGER NOT NULL DEFAULT 0,
    revoked       INTEGER NOT NULL DEFAULT 0,
    unresolved    INTEGER NOT NULL DEFAULT 0,
    last_problem  VARCHAR(1024),
    CONSTRAINT status_recheck_single CHECK (id = 1)
);
INSERT INTO status_recheck (id, checked, revoked, unresolved) VALUES (1, 0, 0, 0);
