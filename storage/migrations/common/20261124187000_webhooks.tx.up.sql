-- Webhook subscriptions and their delivery log. The secret signs the
-- deliveries (HMAC-SHA256), so it is kept as given, not hashed; it is shown
-- once, when the subscription is created. types holds the event types, with
-- wildcards ("forum.*"), separated by spaces. failures counts the failed
-- attempts since the last success; past a limit the subscription is
-- disabled.
CREATE TABLE avenir_webhooks (
    id          uuid        PRIMARY KEY,
    url         text        NOT NULL CHECK (url <> ''),
    types       text        NOT NULL CHECK (types <> ''),
    scope       text        NOT NULL CHECK (scope IN ('public', 'members', 'admin')),
    secret      text        NOT NULL CHECK (secret <> ''),
    created_by  uuid,
    created_at  timestamptz NOT NULL,
    failures    integer     NOT NULL DEFAULT 0,
    disabled_at timestamptz
);
--bun:split
-- One row per attempt; only the latest few per subscription are kept.
CREATE TABLE avenir_webhook_deliveries (
    id          uuid        PRIMARY KEY,
    webhook_id  uuid        NOT NULL REFERENCES avenir_webhooks (id) ON DELETE CASCADE,
    event_id    uuid        NOT NULL,
    event_type  text        NOT NULL,
    attempt     integer     NOT NULL,
    status_code integer     NOT NULL,
    duration_ms integer     NOT NULL,
    error       text        NOT NULL DEFAULT '',
    at          timestamptz NOT NULL
);
--bun:split
CREATE INDEX avenir_webhook_deliveries_idx ON avenir_webhook_deliveries (webhook_id, id);
