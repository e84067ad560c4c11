-- Committees: the territorial tree (one national root, federations, local
-- committees, committees abroad), the ground each covers, members' primary
-- committee with its history, and the committees they follow.
CREATE TABLE avenir_committees (
    id              uuid        PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('national', 'federation', 'local', 'abroad')),
    name            text        NOT NULL CHECK (name <> ''),
    slug            text        NOT NULL UNIQUE CHECK (slug <> ''),
    description     text        NOT NULL DEFAULT '',
    contact         text        NOT NULL DEFAULT '',
    parent_id       uuid        REFERENCES avenir_committees (id),
    members_visible boolean     NOT NULL,
    archived_at     timestamptz,
    merged_into     uuid        REFERENCES avenir_committees (id),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CHECK ((kind = 'national') = (parent_id IS NULL))
);
--bun:split
-- One national committee in force: the root of the tree.
CREATE UNIQUE INDEX avenir_committees_one_national_idx ON avenir_committees (kind) WHERE kind = 'national' AND archived_at IS NULL;
--bun:split
CREATE INDEX avenir_committees_parent_idx ON avenir_committees (parent_id);
--bun:split
-- The codes a committee's territory lists: departments, INSEE communes or
-- countries. Finding the committees of a place is one indexed lookup.
CREATE TABLE avenir_committee_areas (
    committee_id uuid NOT NULL REFERENCES avenir_committees (id),
    kind         text NOT NULL CHECK (kind IN ('department', 'commune', 'country')),
    code         text NOT NULL CHECK (code <> ''),
    PRIMARY KEY (committee_id, kind, code)
);
--bun:split
CREATE INDEX avenir_committee_areas_code_idx ON avenir_committee_areas (kind, code);
--bun:split
-- A member's primary committee over time: each row is a period, started by
-- a join or a transfer (from_id, by, reason) and ended by the next one.
CREATE TABLE avenir_affiliations (
    id           uuid        PRIMARY KEY,
    member_id    uuid        NOT NULL REFERENCES avenir_members (id),
    committee_id uuid        NOT NULL REFERENCES avenir_committees (id),
    from_id      uuid        REFERENCES avenir_committees (id),
    started_at   timestamptz NOT NULL,
    started_by   uuid,
    reason       text        NOT NULL DEFAULT '',
    ended_at     timestamptz
);
--bun:split
-- Exactly one open primary affiliation per member: the database refuses a
-- second one, whatever the races between requests.
CREATE UNIQUE INDEX avenir_affiliations_open_idx ON avenir_affiliations (member_id) WHERE ended_at IS NULL;
--bun:split
CREATE INDEX avenir_affiliations_committee_idx ON avenir_affiliations (committee_id) WHERE ended_at IS NULL;
--bun:split
CREATE INDEX avenir_affiliations_member_idx ON avenir_affiliations (member_id, started_at);
--bun:split
CREATE TABLE avenir_committee_follows (
    member_id    uuid        NOT NULL REFERENCES avenir_members (id),
    committee_id uuid        NOT NULL REFERENCES avenir_committees (id),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (member_id, committee_id)
);
--bun:split
CREATE INDEX avenir_committee_follows_committee_idx ON avenir_committee_follows (committee_id);
