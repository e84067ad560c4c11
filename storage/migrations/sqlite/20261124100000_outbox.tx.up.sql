-- The outbox: domain events written in the same transaction as the change
-- they report; feeds, notifications and relays read them from here.
CREATE TABLE avenir_outbox (
    id             TEXT      PRIMARY KEY,
    type           TEXT      NOT NULL CHECK (type <> ''),
    subject_id     TEXT      NOT NULL,
    actor_id       TEXT,
    audience_kind  TEXT      NOT NULL,
    audience_scope TEXT,
    payload        TEXT,
    occurred_at    TIMESTAMP NOT NULL
);
--bun:split
CREATE INDEX avenir_outbox_subject_idx ON avenir_outbox (subject_id, id);
