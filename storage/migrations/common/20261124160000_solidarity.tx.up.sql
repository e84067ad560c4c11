-- Solidarity: offers, requests and collective actions, their shifts and
-- their volunteers. The capacity holds under concurrency: sign-ups and
-- acceptances are applied under the action's row lock, the accepted counts
-- live on the action and shift rows with a CHECK against their capacity,
-- and waitlist positions are unique per action and shift. No contact
-- details are stored here: they stay in the membership records.
CREATE TABLE avenir_solidarity_actions (
    id               uuid        PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('offer', 'request', 'collective')),
    category         text        NOT NULL,
    title            text        NOT NULL CHECK (title <> ''),
    description      text        NOT NULL DEFAULT '',
    description_html text        NOT NULL DEFAULT '',
    online           boolean     NOT NULL,
    commune          text        NOT NULL DEFAULT '',
    country          text        NOT NULL DEFAULT '',
    city             text        NOT NULL DEFAULT '',
    department       text        NOT NULL DEFAULT '',
    region           text        NOT NULL DEFAULT '',
    committee_id     uuid        REFERENCES avenir_committees (id),
    starts_at        timestamptz,
    ends_at          timestamptz,
    ends_key         timestamptz,
    capacity         integer     NOT NULL CHECK (capacity >= 0),
    accepted         integer     NOT NULL CHECK (accepted >= 0),
    waitlist_next    integer     NOT NULL CHECK (waitlist_next >= 0),
    auto_accept      boolean     NOT NULL,
    audience_kind    text        NOT NULL,
    audience_scope   uuid,
    status           text        NOT NULL CHECK (status IN ('draft', 'submitted', 'published', 'in_progress', 'completed', 'cancelled', 'expired', 'rejected')),
    author_id        uuid        NOT NULL REFERENCES avenir_members (id),
    reason           text        NOT NULL DEFAULT '',
    people_helped    integer,
    hours            integer,
    impact_volunteers integer,
    impact_report    text        NOT NULL DEFAULT '',
    thread_id        uuid,
    published_at     timestamptz,
    completed_at     timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CHECK (ends_at IS NULL OR starts_at IS NOT NULL AND ends_at >= starts_at),
    CHECK (capacity = 0 OR accepted <= capacity)
);
--bun:split
CREATE INDEX avenir_solidarity_actions_status_idx ON avenir_solidarity_actions (status, id);
--bun:split
CREATE INDEX avenir_solidarity_actions_author_idx ON avenir_solidarity_actions (author_id, id);
--bun:split
CREATE INDEX avenir_solidarity_actions_committee_idx ON avenir_solidarity_actions (committee_id, status);
--bun:split
CREATE INDEX avenir_solidarity_actions_place_idx ON avenir_solidarity_actions (department, commune, status);
--bun:split
CREATE INDEX avenir_solidarity_actions_due_idx ON avenir_solidarity_actions (status, ends_key);
--bun:split
CREATE TABLE avenir_solidarity_shifts (
    action_id     uuid        NOT NULL REFERENCES avenir_solidarity_actions (id),
    number        integer     NOT NULL CHECK (number > 0),
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    capacity      integer     NOT NULL CHECK (capacity >= 0),
    accepted      integer     NOT NULL CHECK (accepted >= 0),
    waitlist_next integer     NOT NULL CHECK (waitlist_next >= 0),
    PRIMARY KEY (action_id, number),
    CHECK (ends_at > starts_at),
    CHECK (capacity = 0 OR accepted <= capacity)
);
--bun:split
CREATE TABLE avenir_solidarity_volunteers (
    action_id  uuid        NOT NULL REFERENCES avenir_solidarity_actions (id),
    member_id  uuid        NOT NULL REFERENCES avenir_members (id),
    shift      integer     NOT NULL CHECK (shift >= 0),
    status     text        NOT NULL CHECK (status IN ('pending', 'accepted', 'waitlisted', 'declined', 'withdrawn')),
    position   integer,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (action_id, member_id),
    CHECK ((status = 'waitlisted') = (position IS NOT NULL))
);
--bun:split
-- Two people never share a place in a waitlist.
CREATE UNIQUE INDEX avenir_solidarity_volunteers_waitlist_idx ON avenir_solidarity_volunteers (action_id, shift, position) WHERE position IS NOT NULL;
--bun:split
CREATE INDEX avenir_solidarity_volunteers_member_idx ON avenir_solidarity_volunteers (member_id);
