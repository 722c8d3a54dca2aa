-- The audit trail as a Merkle log (RFC 9162) instead of a hash chain: an event is written with its
-- change and locks nothing shared; a sealer, one at a time across the nodes (the lock of the one
-- log state row, which only sealers take), gives committed events their seq, their leaf hash and
-- the tree nodes above them, and signs the new tree head. Events of the chain keep their
-- previous_hash and event_hash (checked once, when the sealer first takes them into the tree).

ALTER TABLE audit_event ADD COLUMN leaf_hash VARCHAR(64);
-- HMAC-SHA256 of the event as written, under wua.audit.mac-key: an event altered before it is sealed is found
ALTER TABLE audit_event ADD COLUMN mac VARCHAR(64);

DROP TABLE audit_chain_head;

CREATE TABLE audit_log_state (
    id         INTEGER PRIMARY KEY,
    tree_size  BIGINT NOT NULL,
    root_hash  VARCHAR(64) NOT NULL,
    sealed_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT audit_log_single_state CHECK (id = 1)
);
INSERT INTO audit_log_state (id, tree_size, root_hash) VALUES (1, 0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');

-- the perfect subtrees of level 1 and above (level 0, the leaves, is audit_event.leaf_hash at seq = index + 1)
CREATE TABLE audit_tree_node (
    tree_level  INTEGER NOT NULL,
    tree_index  BIGINT NOT NULL,
    hash        VARCHAR(64) NOT NULL,
    PRIMARY KEY (tree_level, tree_index)
);

-- checkpoints of the chain name (seq, head hash); tree heads name (tree size, root hash) in the same columns
ALTER TABLE audit_checkpoint ADD COLUMN format VARCHAR(8) DEFAULT 'chain' NOT NULL;
CREATE INDEX audit_checkpoint_format_seq ON audit_checkpoint (format, seq);
