-- The social layer's follows and blocks. A member follows members, forums
-- and solidarity actions here; committees and threads have their own tables
-- (avenir_committee_follows, avenir_forum_watches), which the network
-- reuses rather than copies.
CREATE TABLE avenir_follows (
    follower_id uuid        NOT NULL REFERENCES avenir_members (id),
    target_kind text        NOT NULL CHECK (target_kind IN ('member', 'forum', 'action')),
    target_id   uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (follower_id, target_kind, target_id)
);
--bun:split
-- A member's followers, newest first (keyset), and the counts.
CREATE INDEX avenir_follows_target_idx ON avenir_follows (target_kind, target_id, created_at, follower_id);
--bun:split
-- The lists of whom a member follows, newest first (keyset).
CREATE INDEX avenir_follows_follower_idx ON avenir_follows (follower_id, target_kind, created_at, target_id);
--bun:split
-- A block hides two members from each other; it is one-sided in who may lift it.
CREATE TABLE avenir_blocks (
    blocker_id uuid        NOT NULL REFERENCES avenir_members (id),
    blocked_id uuid        NOT NULL REFERENCES avenir_members (id),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);
--bun:split
CREATE INDEX avenir_blocks_blocked_idx ON avenir_blocks (blocked_id, blocker_id);
--bun:split
-- Who may follow a member: 'members' (any member in good standing, the
-- default when a member has no row) or 'nobody'.
CREATE TABLE avenir_social_settings (
    member_id     uuid        PRIMARY KEY REFERENCES avenir_members (id),
    follow_policy text        NOT NULL CHECK (follow_policy IN ('members', 'nobody')),
    updated_at    timestamptz NOT NULL
);
