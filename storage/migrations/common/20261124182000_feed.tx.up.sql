-- The activity feed reads the outbox by who caused an event (the members a
-- reader follows), by what it is about (followed actions, committees) and,
-- for forum and committee-event events, by the forum, thread or committee
-- its payload names. Each index ends with id, the feed's keyset order.
-- (->> reads a JSON text field alike on PostgreSQL's jsonb and SQLite's
-- JSON text.)
CREATE INDEX avenir_outbox_actor_idx ON avenir_outbox (actor_id, id);
--bun:split
CREATE INDEX avenir_outbox_forum_idx ON avenir_outbox ((payload ->> 'forum'), id);
--bun:split
CREATE INDEX avenir_outbox_thread_idx ON avenir_outbox ((payload ->> 'thread'), id);
--bun:split
CREATE INDEX avenir_outbox_committee_idx ON avenir_outbox ((payload ->> 'committee'), id);
