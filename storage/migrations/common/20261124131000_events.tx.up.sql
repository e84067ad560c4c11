-- Committee events and RSVPs. The capacity holds under concurrency: RSVPs
-- to an event are applied under its row lock, the confirmed count lives on
-- the event row with a CHECK against the capacity, and waitlist positions
-- are unique per event.
CREATE TABLE avenir_events (
    id             uuid        PRIMARY KEY,
    kind           text        NOT NULL,
    committee_id   uuid        NOT NULL REFERENCES avenir_committees (id),
    title          text        NOT NULL CHECK (title <> ''),
    description    text        NOT NULL DEFAULT '',
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    time_zone      text        NOT NULL,
    address        text        NOT NULL DEFAULT '',
    commune        text        NOT NULL DEFAULT '',
    department     text        NOT NULL DEFAULT '',
    online_url     text        NOT NULL DEFAULT '',
    audience_kind  text        NOT NULL,
    audience_scope uuid,
    capacity       integer     NOT NULL CHECK (capacity >= 0),
    going          integer     NOT NULL CHECK (going >= 0),
    waitlist_next  integer     NOT NULL CHECK (waitlist_next >= 0),
    sequence       integer     NOT NULL,
    cancelled_at   timestamptz,
    created_by     uuid,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (capacity = 0 OR going <= capacity)
);
--bun:split
CREATE INDEX avenir_events_starts_idx ON avenir_events (starts_at, id);
--bun:split
CREATE INDEX avenir_events_committee_idx ON avenir_events (committee_id, starts_at);
--bun:split
CREATE INDEX avenir_events_department_idx ON avenir_events (department, starts_at);
--bun:split
CREATE TABLE avenir_event_committees (
    event_id     uuid NOT NULL REFERENCES avenir_events (id),
    committee_id uuid NOT NULL REFERENCES avenir_committees (id),
    PRIMARY KEY (event_id, committee_id)
);
--bun:split
CREATE INDEX avenir_event_committees_committee_idx ON avenir_event_committees (committee_id);
--bun:split
CREATE TABLE avenir_rsvps (
    event_id      uuid        NOT NULL REFERENCES avenir_events (id),
    member_id     uuid        NOT NULL REFERENCES avenir_members (id),
    status        text        NOT NULL CHECK (status IN ('going', 'waitlisted', 'maybe', 'declined')),
    position      integer,
    checked_in_at timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (event_id, member_id),
    CHECK ((status = 'waitlisted') = (position IS NOT NULL))
);
--bun:split
-- Two people never share a place in an event's waitlist.
CREATE UNIQUE INDEX avenir_rsvps_waitlist_idx ON avenir_rsvps (event_id, position) WHERE position IS NOT NULL;
--bun:split
CREATE INDEX avenir_rsvps_member_idx ON avenir_rsvps (member_id);
