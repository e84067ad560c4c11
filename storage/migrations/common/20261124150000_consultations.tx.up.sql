-- Consultations: contributions and motions in versions of ordered sections,
-- co-authors, amendments, supports with a per-member counter, the motion's
-- provenance, the electorate, and secret ballots (docs/consultations.md).
CREATE TABLE avenir_consultations (
    id               uuid        PRIMARY KEY,
    title            text        NOT NULL CHECK (title <> ''),
    description      text        NOT NULL DEFAULT '',
    forum_id         uuid        NOT NULL REFERENCES avenir_forums (id),
    audience_kind    text        NOT NULL,
    audience_scope   uuid,
    floor_phase      text        NOT NULL,
    contributions_at timestamptz,
    amendments_at    timestamptz,
    supports_at      timestamptz,
    synthesis_at     timestamptz,
    vote_at          timestamptz,
    closed_at        timestamptz,
    electorate_at    timestamptz,
    electorate       integer     NOT NULL DEFAULT 0,
    created_by       uuid        NOT NULL REFERENCES avenir_members (id),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
--bun:split
CREATE TABLE avenir_consultation_drafters (
    consultation_id uuid NOT NULL REFERENCES avenir_consultations (id),
    member_id       uuid NOT NULL REFERENCES avenir_members (id),
    PRIMARY KEY (consultation_id, member_id)
);
--bun:split
CREATE TABLE avenir_consultation_texts (
    id              uuid        PRIMARY KEY,
    consultation_id uuid        NOT NULL REFERENCES avenir_consultations (id),
    kind            text        NOT NULL CHECK (kind IN ('contribution', 'motion')),
    title           text        NOT NULL CHECK (title <> ''),
    summary         text        NOT NULL DEFAULT '',
    author_id       uuid        NOT NULL REFERENCES avenir_members (id),
    thread_id       uuid        REFERENCES avenir_forum_threads (id),
    version         integer     NOT NULL DEFAULT 0,
    published       integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (id, consultation_id),
    UNIQUE (id, kind, consultation_id)
);
--bun:split
CREATE INDEX avenir_consultation_texts_list_idx ON avenir_consultation_texts (consultation_id, kind, created_at);
--bun:split
CREATE TABLE avenir_consultation_versions (
    text_id      uuid        NOT NULL REFERENCES avenir_consultation_texts (id),
    number       integer     NOT NULL CHECK (number > 0),
    title        text        NOT NULL,
    summary      text        NOT NULL DEFAULT '',
    by_id        uuid        NOT NULL REFERENCES avenir_members (id),
    amendment_id uuid,
    note         text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (text_id, number)
);
--bun:split
CREATE TABLE avenir_consultation_sections (
    text_id    uuid    NOT NULL,
    version    integer NOT NULL,
    section_id uuid    NOT NULL,
    position   integer NOT NULL,
    heading    text    NOT NULL DEFAULT '',
    body       text    NOT NULL,
    PRIMARY KEY (text_id, version, section_id),
    FOREIGN KEY (text_id, version) REFERENCES avenir_consultation_versions (text_id, number)
);
--bun:split
CREATE TABLE avenir_consultation_authors (
    text_id    uuid        NOT NULL REFERENCES avenir_consultation_texts (id),
    member_id  uuid        NOT NULL REFERENCES avenir_members (id),
    accepted   boolean     NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (text_id, member_id)
);
--bun:split
CREATE TABLE avenir_consultation_amendments (
    id              uuid        PRIMARY KEY,
    consultation_id uuid        NOT NULL,
    text_id         uuid        NOT NULL,
    section_id      uuid        NOT NULL,
    base_version    integer     NOT NULL,
    original        text        NOT NULL,
    proposed        text        NOT NULL,
    reason          text        NOT NULL,
    author_id       uuid        NOT NULL REFERENCES avenir_members (id),
    state           text        NOT NULL CHECK (state IN ('proposed', 'accepted', 'rejected', 'merged')),
    answer          text        NOT NULL DEFAULT '',
    answered_by     uuid,
    answered_at     timestamptz,
    version         integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    UNIQUE (id, consultation_id),
    -- an amendment and its target are of the same consultation
    FOREIGN KEY (text_id, consultation_id) REFERENCES avenir_consultation_texts (id, consultation_id)
);
--bun:split
CREATE INDEX avenir_consultation_amendments_text_idx ON avenir_consultation_amendments (text_id, created_at);
--bun:split
-- A motion's section draws from contributions and amendments of the motion's
-- own consultation: the composite keys make any other a foreign-key error.
CREATE TABLE avenir_consultation_sources (
    text_id         uuid    NOT NULL,
    version         integer NOT NULL,
    section_id      uuid    NOT NULL,
    consultation_id uuid    NOT NULL,
    source_id       uuid    NOT NULL,
    contribution_id uuid,
    amendment_id    uuid,
    contribution_kind text  CHECK (contribution_kind IS NULL OR contribution_kind = 'contribution'),
    PRIMARY KEY (text_id, version, section_id, source_id),
    CHECK ((contribution_id IS NULL) <> (amendment_id IS NULL)),
    CHECK (source_id = COALESCE(contribution_id, amendment_id)),
    CHECK ((contribution_id IS NULL) = (contribution_kind IS NULL)),
    FOREIGN KEY (text_id, version, section_id) REFERENCES avenir_consultation_sections (text_id, version, section_id),
    FOREIGN KEY (text_id, consultation_id) REFERENCES avenir_consultation_texts (id, consultation_id),
    FOREIGN KEY (contribution_id, contribution_kind, consultation_id) REFERENCES avenir_consultation_texts (id, kind, consultation_id),
    FOREIGN KEY (amendment_id, consultation_id) REFERENCES avenir_consultation_amendments (id, consultation_id)
);
--bun:split
-- Supports: one per member per item; the counter row per member and
-- consultation is where the limit holds under concurrency.
CREATE TABLE avenir_consultation_supports (
    consultation_id uuid        NOT NULL REFERENCES avenir_consultations (id),
    item_id         uuid        NOT NULL,
    member_id       uuid        NOT NULL REFERENCES avenir_members (id),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (item_id, member_id)
);
--bun:split
CREATE INDEX avenir_consultation_supports_member_idx ON avenir_consultation_supports (consultation_id, member_id);
--bun:split
CREATE TABLE avenir_consultation_support_counts (
    consultation_id uuid    NOT NULL REFERENCES avenir_consultations (id),
    member_id       uuid    NOT NULL REFERENCES avenir_members (id),
    n               integer NOT NULL DEFAULT 0 CHECK (n >= 0),
    PRIMARY KEY (consultation_id, member_id)
);
--bun:split
-- The electorate: the members in good standing when the vote opened.
CREATE TABLE avenir_consultation_electors (
    consultation_id uuid NOT NULL REFERENCES avenir_consultations (id),
    member_id       uuid NOT NULL REFERENCES avenir_members (id),
    PRIMARY KEY (consultation_id, member_id)
);
--bun:split
-- Who voted (for turnout and to vote once), with no choice and no time.
CREATE TABLE avenir_consultation_voters (
    motion_id uuid NOT NULL REFERENCES avenir_consultation_texts (id),
    member_id uuid NOT NULL REFERENCES avenir_members (id),
    PRIMARY KEY (motion_id, member_id)
);
--bun:split
-- What was voted, under a keyed hash of (motion, member), with no member
-- and no time.
CREATE TABLE avenir_consultation_ballots (
    motion_id  uuid NOT NULL REFERENCES avenir_consultation_texts (id),
    ballot_key text NOT NULL,
    receipt    text NOT NULL,
    choice     text NOT NULL CHECK (choice IN ('for', 'against', 'abstain')),
    PRIMARY KEY (motion_id, ballot_key)
);
--bun:split
CREATE TABLE avenir_consultation_results (
    motion_id     uuid        PRIMARY KEY REFERENCES avenir_consultation_texts (id),
    electorate    integer     NOT NULL,
    voters        integer     NOT NULL,
    for_count     integer     NOT NULL,
    against_count integer     NOT NULL,
    abstain_count integer     NOT NULL,
    closed_at     timestamptz NOT NULL
);
