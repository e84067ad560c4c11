-- The proof that a member's personal data was erased (GDPR art. 17): who
-- asked, when; the member is named only by the ID of their tombstone.
CREATE TABLE avenir_erasures (
    id           uuid        PRIMARY KEY,
    member_id    uuid        NOT NULL REFERENCES avenir_members (id),
    requested_by uuid,
    at           timestamptz NOT NULL
);
