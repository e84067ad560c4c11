-- Personal API tokens: only the SHA-256 hash of the secret is kept.
CREATE TABLE avenir_api_tokens (
    id           uuid        PRIMARY KEY,
    member_id    uuid        NOT NULL REFERENCES avenir_members (id),
    hash         bytea       NOT NULL UNIQUE,
    name         text        NOT NULL,
    scopes       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz
);
--bun:split
CREATE INDEX avenir_api_tokens_member_idx ON avenir_api_tokens (member_id, created_at);
