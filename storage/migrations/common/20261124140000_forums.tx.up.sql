-- Forums: thematic forums, threads and posts, revisions, supports, watched
-- threads, flags, and moderation decisions with their appeals.
CREATE TABLE avenir_forums (
    id             uuid        PRIMARY KEY,
    slug           text        NOT NULL UNIQUE,
    title          text        NOT NULL CHECK (title <> ''),
    description    text        NOT NULL DEFAULT '',
    position       integer     NOT NULL DEFAULT 0,
    audience_kind  text        NOT NULL,
    audience_scope uuid,
    moderation     text        NOT NULL CHECK (moderation IN ('post', 'pre')),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
--bun:split
CREATE TABLE avenir_forum_threads (
    id               uuid        PRIMARY KEY,
    forum_id         uuid        NOT NULL REFERENCES avenir_forums (id),
    author_id        uuid        NOT NULL REFERENCES avenir_members (id),
    title            text        NOT NULL CHECK (title <> ''),
    first_post_id    uuid        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('published', 'pending', 'hidden', 'deleted')),
    pinned           boolean     NOT NULL DEFAULT false,
    locked           boolean     NOT NULL DEFAULT false,
    post_seq         integer     NOT NULL DEFAULT 0,  -- the last position given
    reply_count      integer     NOT NULL DEFAULT 0,  -- published posts but the first
    last_activity_at timestamptz NOT NULL,            -- the last published post
    created_at       timestamptz NOT NULL
);
--bun:split
-- A forum's thread list: pinned first, then by last activity (keyset).
CREATE INDEX avenir_forum_threads_list_idx ON avenir_forum_threads (forum_id, pinned, last_activity_at, id);
--bun:split
CREATE TABLE avenir_forum_posts (
    id            uuid        PRIMARY KEY,
    thread_id     uuid        NOT NULL REFERENCES avenir_forum_threads (id),
    forum_id      uuid        NOT NULL REFERENCES avenir_forums (id),
    author_id     uuid        NOT NULL REFERENCES avenir_members (id),
    position      integer     NOT NULL CHECK (position > 0),
    title         text        NOT NULL DEFAULT '',  -- the thread's title, on its first post (for search)
    body          text        NOT NULL,
    html          text        NOT NULL,
    state         text        NOT NULL CHECK (state IN ('published', 'pending', 'hidden', 'deleted')),
    hidden_by     text        NOT NULL DEFAULT '',
    quote_id      uuid        REFERENCES avenir_forum_posts (id),
    support_count integer     NOT NULL DEFAULT 0 CHECK (support_count >= 0),
    flag_count    integer     NOT NULL DEFAULT 0 CHECK (flag_count >= 0),  -- open flags
    queued_at     timestamptz,                     -- in the moderation queue since
    created_at    timestamptz NOT NULL,
    edited_at     timestamptz,
    UNIQUE (thread_id, position)
);
--bun:split
CREATE INDEX avenir_forum_posts_author_idx ON avenir_forum_posts (author_id, created_at, id);
--bun:split
CREATE INDEX avenir_forum_posts_queue_idx ON avenir_forum_posts (queued_at, id) WHERE queued_at IS NOT NULL;
--bun:split
CREATE TABLE avenir_forum_revisions (
    id        uuid        PRIMARY KEY,
    post_id   uuid        NOT NULL REFERENCES avenir_forum_posts (id),
    title     text        NOT NULL DEFAULT '',
    body      text        NOT NULL,
    edited_by uuid        NOT NULL,
    edited_at timestamptz NOT NULL
);
--bun:split
CREATE INDEX avenir_forum_revisions_post_idx ON avenir_forum_revisions (post_id, edited_at);
--bun:split
CREATE TABLE avenir_forum_supports (
    post_id    uuid        NOT NULL REFERENCES avenir_forum_posts (id),
    member_id  uuid        NOT NULL REFERENCES avenir_members (id),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (post_id, member_id)
);
--bun:split
CREATE TABLE avenir_forum_watches (
    thread_id  uuid        NOT NULL REFERENCES avenir_forum_threads (id),
    member_id  uuid        NOT NULL REFERENCES avenir_members (id),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (thread_id, member_id)
);
--bun:split
CREATE INDEX avenir_forum_watches_member_idx ON avenir_forum_watches (member_id);
--bun:split
CREATE TABLE avenir_forum_decisions (
    id                uuid        PRIMARY KEY,
    forum_id          uuid        NOT NULL REFERENCES avenir_forums (id),
    thread_id         uuid        NOT NULL REFERENCES avenir_forum_threads (id),
    post_id           uuid        NOT NULL REFERENCES avenir_forum_posts (id),
    author_id         uuid        NOT NULL REFERENCES avenir_members (id),
    target            text        NOT NULL CHECK (target IN ('post', 'thread')),
    action            text        NOT NULL CHECK (action IN ('keep', 'hide', 'delete', 'lock', 'suspend')),
    reason            text        NOT NULL,
    reason_text       text        NOT NULL,
    moderator_id      uuid        NOT NULL,
    moderator_role    text        NOT NULL,
    suspended_until   timestamptz,
    decided_at        timestamptz NOT NULL,
    appeal_text       text,                     -- NULL: not appealed
    appealed_at       timestamptz,
    appeal_outcome    text        NOT NULL DEFAULT '' CHECK (appeal_outcome IN ('', 'upheld', 'overturned')),
    appeal_reason     text        NOT NULL DEFAULT '',
    appeal_role       text        NOT NULL DEFAULT '',
    appeal_decided_by uuid,
    appeal_decided_at timestamptz
);
--bun:split
CREATE INDEX avenir_forum_decisions_log_idx ON avenir_forum_decisions (decided_at, id);
--bun:split
CREATE INDEX avenir_forum_decisions_forum_idx ON avenir_forum_decisions (forum_id, decided_at, id);
--bun:split
CREATE INDEX avenir_forum_decisions_author_idx ON avenir_forum_decisions (author_id, forum_id, decided_at);
--bun:split
CREATE TABLE avenir_forum_flags (
    id          uuid        PRIMARY KEY,
    post_id     uuid        NOT NULL REFERENCES avenir_forum_posts (id),
    member_id   uuid        NOT NULL REFERENCES avenir_members (id),
    reason      text        NOT NULL CHECK (reason IN ('spam', 'harassment', 'off_topic', 'personal_data', 'illegal')),
    text        text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    decision_id uuid        REFERENCES avenir_forum_decisions (id),  -- NULL while open
    UNIQUE (post_id, member_id)
);
