-- The outbox relay: what each consumer (notifications, one per webhook
-- subscription, …) was handed, event by event. A consumer's horizon is the
-- time before which every outbox event is known to be enqueued for it; the
-- relay looks for events without a delivery only from the horizon on, and
-- moves it to "now minus the lag" once it has caught up, so that an event
-- whose transaction commits late (up to the lag) is still found.
CREATE TABLE avenir_relay_consumers (
    name    text        PRIMARY KEY CHECK (name <> ''),
    horizon timestamptz NOT NULL
);
--bun:split
-- One row per consumer and event. A pending row is due at next_attempt_at;
-- a claim increments attempts and pushes next_attempt_at by the lease, so
-- that a relay that dies between the claim and the answer leaves the event
-- to be offered again when the lease ends.
CREATE TABLE avenir_relay_deliveries (
    consumer        text        NOT NULL,
    event_id        uuid        NOT NULL REFERENCES avenir_outbox (id),
    event_at        timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'done', 'dead')),
    attempts        integer     NOT NULL CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    last_error      text        NOT NULL DEFAULT '',
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
--bun:split
CREATE INDEX avenir_relay_deliveries_due_idx ON avenir_relay_deliveries (consumer, status, next_attempt_at, event_id);
--bun:split
CREATE INDEX avenir_outbox_occurred_idx ON avenir_outbox (occurred_at, id);
