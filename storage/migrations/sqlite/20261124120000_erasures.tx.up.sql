-- The proof that a member's personal data was erased (GDPR art. 17): who
-- asked, when; the member is named only by the ID of their tombstone.
CREATE TABLE avenir_erasures (
    id           TEXT        PRIMARY KEY,
    member_id    TEXT        NOT NULL REFERENCES avenir_members (id),
    requested_by TEXT,
    at           TIMESTAMP NOT NULL
);
