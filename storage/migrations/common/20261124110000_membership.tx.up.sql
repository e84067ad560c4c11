-- Membership: people, their status history, dues, roles, consents,
-- credentials, sessions, sign-in throttling and the audit of data access.
CREATE TABLE avenir_members (
    id                uuid        PRIMARY KEY,
    email             text        UNIQUE,          -- NULL once erased
    email_verified_at timestamptz,
    display_name      text        NOT NULL,
    full_name         text        NOT NULL DEFAULT '',
    phone             text        NOT NULL DEFAULT '',
    address_line      text        NOT NULL DEFAULT '',
    postal_code       text        NOT NULL DEFAULT '',
    commune           text        NOT NULL DEFAULT '',
    city              text        NOT NULL DEFAULT '',
    country           text        NOT NULL DEFAULT 'FR',
    language          text        NOT NULL DEFAULT 'fr',
    visibility        text        NOT NULL DEFAULT '{}',
    status            text        NOT NULL,
    tier              text        NOT NULL DEFAULT '',
    joined_at         timestamptz,
    expires_at        timestamptz,
    suspended_until   timestamptz,
    sort_key          text        NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
--bun:split
CREATE INDEX avenir_members_directory_idx ON avenir_members (sort_key, id);
--bun:split
CREATE INDEX avenir_members_status_expiry_idx ON avenir_members (status, expires_at);
--bun:split
CREATE INDEX avenir_members_postal_idx ON avenir_members (postal_code);
--bun:split
CREATE TABLE avenir_member_transitions (
    id          uuid        PRIMARY KEY,
    member_id   uuid        NOT NULL REFERENCES avenir_members (id),
    from_status text        NOT NULL,
    to_status   text        NOT NULL,
    actor_id    uuid,
    reason      text        NOT NULL DEFAULT '',
    at          timestamptz NOT NULL
);
--bun:split
CREATE INDEX avenir_member_transitions_member_idx ON avenir_member_transitions (member_id, at);
--bun:split
CREATE TABLE avenir_payments (
    id          uuid        PRIMARY KEY,
    member_id   uuid        NOT NULL REFERENCES avenir_members (id),
    tier        text        NOT NULL,
    amount      bigint      NOT NULL CHECK (amount > 0),
    currency    text        NOT NULL,
    method      text        NOT NULL,
    reference   text        NOT NULL DEFAULT '',
    paid_at     timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    recorded_by uuid,
    recorded_at timestamptz NOT NULL
);
--bun:split
CREATE INDEX avenir_payments_member_idx ON avenir_payments (member_id, paid_at);
--bun:split
CREATE TABLE avenir_grants (
    id          uuid        PRIMARY KEY,
    member_id   uuid        NOT NULL REFERENCES avenir_members (id),
    role        text        NOT NULL,
    scope_kind  text        NOT NULL,
    scope_id    uuid,
    scope_code  text        NOT NULL DEFAULT '',
    granted_by  uuid,
    granted_at  timestamptz NOT NULL,
    expires_at  timestamptz,
    revoked_by  uuid,
    revoked_at  timestamptz
);
--bun:split
CREATE INDEX avenir_grants_member_idx ON avenir_grants (member_id);
--bun:split
CREATE TABLE avenir_consents (
    id        uuid        PRIMARY KEY,
    member_id uuid        NOT NULL REFERENCES avenir_members (id),
    purpose   text        NOT NULL,
    version   integer     NOT NULL,
    given     boolean     NOT NULL,
    source    text        NOT NULL,
    at        timestamptz NOT NULL
);
--bun:split
CREATE INDEX avenir_consents_member_idx ON avenir_consents (member_id, purpose, at);
--bun:split
CREATE INDEX avenir_consents_purpose_idx ON avenir_consents (purpose, member_id);
--bun:split
CREATE TABLE avenir_credentials (
    member_id     uuid        PRIMARY KEY REFERENCES avenir_members (id),
    password_hash text        NOT NULL,
    updated_at    timestamptz NOT NULL
);
--bun:split
CREATE TABLE avenir_tokens (
    hash       bytea       PRIMARY KEY,
    member_id  uuid        NOT NULL REFERENCES avenir_members (id),
    purpose    text        NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
--bun:split
CREATE INDEX avenir_tokens_member_idx ON avenir_tokens (member_id);
--bun:split
CREATE TABLE avenir_sessions (
    hash         bytea       PRIMARY KEY,
    member_id    uuid        NOT NULL REFERENCES avenir_members (id),
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
--bun:split
CREATE INDEX avenir_sessions_member_idx ON avenir_sessions (member_id);
--bun:split
CREATE TABLE avenir_sign_in_failures (
    id  uuid        PRIMARY KEY,
    key text        NOT NULL,
    at  timestamptz NOT NULL
);
--bun:split
CREATE INDEX avenir_sign_in_failures_key_idx ON avenir_sign_in_failures (key, at);
--bun:split
CREATE TABLE avenir_member_accesses (
    id        uuid        PRIMARY KEY,
    viewer_id uuid        NOT NULL,
    member_id uuid        NOT NULL REFERENCES avenir_members (id),
    what      text        NOT NULL,
    at        timestamptz NOT NULL
);
--bun:split
CREATE INDEX avenir_member_accesses_member_idx ON avenir_member_accesses (member_id, at);
