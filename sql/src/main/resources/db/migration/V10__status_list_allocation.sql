-- Status list indexes are handed out from a per-list counter through a keyed permutation
-- (StatusListAllocator): the counter makes two transactions, on one node or on several, never
-- take the same index; the permutation keeps indexes from revealing the order of issuance.
-- Nodes reserve blocks of counter values in short transactions of their own.
CREATE TABLE status_list_allocation (
    list_id          VARCHAR(64) PRIMARY KEY,
    list_size        INTEGER NOT NULL,
    next_counter     INTEGER NOT NULL,
    permutation_key  VARCHAR(64) NOT NULL,
    CONSTRAINT status_list_allocation_counter CHECK (next_counter >= 0 AND next_counter <= list_size)
);

-- Lists that earlier versions filled by random probing are closed: new entries go to new lists.
INSERT INTO status_list_allocation (list_id, list_size, next_counter, permutation_key)
SELECT list_id, 0, 0, 'closed' FROM status_list_entry GROUP BY list_id;
