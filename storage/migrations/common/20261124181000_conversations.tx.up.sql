-- Private conversations among members: only their participants read them,
-- never admins nor moderators; a message a participant reports is copied,
-- with the messages before it, into a report the network's moderators read.
CREATE TABLE avenir_conversations (
    id              uuid        PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('direct', 'group')),
    title           text        NOT NULL DEFAULT '',
    direct_key      text        UNIQUE,             -- a one-to-one's two members, in order
    created_by      uuid        NOT NULL REFERENCES avenir_members (id),
    message_count   integer     NOT NULL DEFAULT 0, -- the last sequence number given
    last_message_at timestamptz NOT NULL,
    created_at      timestamptz NOT NULL
);
--bun:split
CREATE TABLE avenir_conversation_participants (
    conversation_id uuid        NOT NULL REFERENCES avenir_conversations (id),
    member_id       uuid        NOT NULL REFERENCES avenir_members (id),
    joined_at       timestamptz NOT NULL,
    left_at         timestamptz,
    since_seq       integer     NOT NULL,          -- the first message they may read
    last_read       integer     NOT NULL DEFAULT 0,
    last_message_at timestamptz NOT NULL,          -- the conversation's, for the inbox's keyset
    PRIMARY KEY (conversation_id, member_id)
);
--bun:split
-- A member's inbox: last message first (keyset).
CREATE INDEX avenir_conversation_participants_inbox_idx
    ON avenir_conversation_participants (member_id, last_message_at, conversation_id);
--bun:split
CREATE TABLE avenir_conversation_messages (
    id              uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES avenir_conversations (id),
    seq             integer     NOT NULL CHECK (seq > 0),
    author_id       uuid        NOT NULL REFERENCES avenir_members (id),
    body            text        NOT NULL,
    html            text        NOT NULL,
    erased          boolean     NOT NULL,
    created_at      timestamptz NOT NULL,
    UNIQUE (conversation_id, seq)
);
--bun:split
CREATE INDEX avenir_conversation_messages_author_idx ON avenir_conversation_messages (author_id);
--bun:split
CREATE TABLE avenir_conversation_reports (
    id              uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES avenir_conversations (id),
    message_id      uuid        NOT NULL REFERENCES avenir_conversation_messages (id),
    reporter_id     uuid        NOT NULL REFERENCES avenir_members (id),
    reason          text        NOT NULL,
    created_at      timestamptz NOT NULL,
    UNIQUE (message_id, reporter_id)
);
--bun:split
CREATE INDEX avenir_conversation_reports_list_idx ON avenir_conversation_reports (created_at, id);
--bun:split
-- The context of a report: copies, so that what moderators read does not
-- open the conversation itself to them.
CREATE TABLE avenir_conversation_report_messages (
    report_id  uuid        NOT NULL REFERENCES avenir_conversation_reports (id),
    seq        integer     NOT NULL,
    author_id  uuid        NOT NULL REFERENCES avenir_members (id),
    body       text        NOT NULL,
    html       text        NOT NULL,
    erased     boolean     NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (report_id, seq)
);
--bun:split
CREATE INDEX avenir_conversation_report_messages_author_idx ON avenir_conversation_report_messages (author_id);
