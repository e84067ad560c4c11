-- The start of an action for the date filters, the twin of ends_key: its
-- start, or its first shift's when it has shifts and no start of its own;
-- NULL when it is open-ended. An action's dates overlap a period [from, to)
-- when starts_key < to (or NULL) and ends_key >= from (or NULL); the second
-- half is served by the (status, ends_key) index, the first by this one.
ALTER TABLE avenir_solidarity_actions ADD COLUMN starts_key timestamptz;
--bun:split
UPDATE avenir_solidarity_actions SET starts_key = COALESCE(starts_at,
    (SELECT min(s.starts_at) FROM avenir_solidarity_shifts AS s WHERE s.action_id = avenir_solidarity_actions.id));
--bun:split
CREATE INDEX avenir_solidarity_actions_starts_idx ON avenir_solidarity_actions (status, starts_key);
