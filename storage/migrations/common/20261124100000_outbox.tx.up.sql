-- The outbox: domain events written in the same transaction as the change
-- they report; feeds, notifications and relays read them from here.
CREATE TABLE avenir_outbox (
    id             uuid        PRIMARY KEY,
    type           text        NOT NULL CHECK (type <> ''),
    subject_id     uuid        NOT NULL,
    actor_id       uuid,
    audience_kind  text        NOT NULL,
    audience_scope uuid,
    payload        jsonb,
    occurred_at    timestamptz NOT NULL
);
--bun:split
CREATE INDEX avenir_outbox_subject_idx ON avenir_outbox (subject_id, id);
