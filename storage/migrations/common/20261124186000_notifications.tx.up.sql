-- In-app notifications, one per member and event (the relay may hand an
-- event twice: the unique key makes the second a no-op). The audience of
-- the event is kept to filter at read time: a member who lost access to a
-- forum no longer sees its notifications. mail says where the email stands:
-- none, immediate (to send now), sent, digest (waits for the daily digest),
-- digested.
CREATE TABLE avenir_notifications (
    id             uuid        PRIMARY KEY,
    member_id      uuid        NOT NULL REFERENCES avenir_members (id),
    kind           text        NOT NULL CHECK (kind <> ''),
    event_id       uuid        NOT NULL,
    event_type     text        NOT NULL,
    subject_id     uuid        NOT NULL,
    actor_id       uuid,
    audience_kind  text        NOT NULL,
    audience_scope uuid,
    payload        jsonb,
    mail           text        NOT NULL CHECK (mail IN ('none', 'immediate', 'sent', 'digest', 'digested')),
    created_at     timestamptz NOT NULL,
    read_at        timestamptz,
    UNIQUE (member_id, event_id)
);
--bun:split
CREATE INDEX avenir_notifications_member_idx ON avenir_notifications (member_id, id);
--bun:split
CREATE INDEX avenir_notifications_digest_idx ON avenir_notifications (mail, member_id);
--bun:split
-- A member's choice per kind: in_app, email, digest or off. No row: the
-- kind's default.
CREATE TABLE avenir_notification_preferences (
    member_id uuid NOT NULL REFERENCES avenir_members (id),
    kind      text NOT NULL CHECK (kind <> ''),
    channel   text NOT NULL CHECK (channel IN ('in_app', 'email', 'digest', 'off')),
    PRIMARY KEY (member_id, kind)
);
--bun:split
-- The daily digests sent: the key (member, day) lets one application
-- server only take a member's digest of a day.
CREATE TABLE avenir_notification_digests (
    member_id uuid        NOT NULL REFERENCES avenir_members (id),
    day       text        NOT NULL,
    items     integer     NOT NULL,
    sent_at   timestamptz NOT NULL,
    PRIMARY KEY (member_id, day)
);
