-- The network's audit log (network.Audit): append-only entries of who did
-- what about whose data. Membership's access records stay in
-- avenir_member_accesses; the audit query merges them. No foreign keys:
-- entries outlive what they name (an erased member keeps a tombstone, a
-- configuration change names no member).
CREATE TABLE avenir_audit (
    id        uuid        PRIMARY KEY,
    kind      text        NOT NULL CHECK (kind <> ''),
    actor_id  uuid,
    member_id uuid,
    details   text,
    at        timestamptz NOT NULL
);
--bun:split
CREATE INDEX avenir_audit_at_idx ON avenir_audit (at, id);
--bun:split
CREATE INDEX avenir_audit_member_idx ON avenir_audit (member_id, at, id);
--bun:split
CREATE INDEX avenir_member_accesses_at_idx ON avenir_member_accesses (at, id);
