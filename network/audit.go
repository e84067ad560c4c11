package network

import (
	"context"
	"encoding/json"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/membership"
)

// AuditKind says what an audit entry records.
type AuditKind string

// The audit kinds.
const (
	AuditRoleGranted   AuditKind = "role_granted"   // a role was given to the member
	AuditRoleRevoked   AuditKind = "role_revoked"   // a role of the member was withdrawn
	AuditStatusChanged AuditKind = "status_changed" // the member's status changed (joined, lapsed, suspended, erased…)
	AuditContactViewed AuditKind = "contact_viewed" // someone else saw the member's contact details
	AuditExport        AuditKind = "export"         // the member's data was exported
	AuditErasure       AuditKind = "erasure"        // the member's data was erased
	AuditModeration    AuditKind = "moderation"     // a moderation decision about the member's post, or the answer to their appeal
	AuditConfigChanged AuditKind = "config_changed" // the network's configuration changed (no member)
	AuditAPIToken      AuditKind = "api_token"      // the member created or revoked a personal API token
)

// AuditKinds lists every kind.
var AuditKinds = []AuditKind{AuditRoleGranted, AuditRoleRevoked, AuditStatusChanged, AuditContactViewed,
	AuditExport, AuditErasure, AuditModeration, AuditConfigChanged, AuditAPIToken}

// AuditEntry is one line of the audit log: who did what, about whose data,
// when. Details never hold more personal data than IDs, codes and
// statuses, so that an entry may outlive its member's erasure.
type AuditEntry struct {
	ID      avenir.ID       `json:"id"`
	Kind    AuditKind       `json:"kind"`
	Actor   avenir.ID       `json:"actor,omitzero"`  // who; zero for the system (the membership sweep, the retention job)
	Member  avenir.ID       `json:"member,omitzero"` // whose data or standing; zero for a configuration change
	Details json.RawMessage `json:"details,omitempty"`
	At      time.Time       `json:"at"`
}

// AuditFilter selects entries. Zero fields do not filter.
type AuditFilter struct {
	Member avenir.ID
	Kinds  []AuditKind
	From   time.Time // at or after
	To     time.Time // before
	// Keyset, newest first: the last entry of the previous page.
	Before *AuditKey
	Limit  int
}

// AuditKey is an entry's place in the log.
type AuditKey struct {
	At time.Time
	ID avenir.ID
}

// AuditStore keeps the audit log. It is append-only: there is no method to
// change or remove one entry, only PurgeAudit, which drops entries older
// than the retention period as a whole.
type AuditStore interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	// AddAudit writes entries; an entry whose ID is already in the log is
	// skipped, so that an event fed twice is written once.
	AddAudit(ctx context.Context, entries ...AuditEntry) error
	// Audit lists entries newest first. It merges membership's access
	// records (membership.Access), which stay in membership's store: an
	// access "export" is an AuditExport entry, any other an
	// AuditContactViewed whose details name what was seen.
	Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
	// PurgeAudit removes the entries, access records included, older than
	// before, and returns how many.
	PurgeAudit(ctx context.Context, before time.Time) (int, error)
}

// Audit is the network's audit log (GDPR art. 5(2), accountability): role
// and status changes, who saw or exported whose contact details, moderation
// decisions, exports, erasures and configuration changes. Admins read all
// of it; a member reads the entries about themself.
//
// Entries reach the log in the transaction of the change they record:
// network.New gives membership and forums stores whose Record also writes
// the audit entries of the events they record, and the network's own
// workflows (export, erasure, configuration) write theirs directly.
// Consume does the same for one event, idempotently, for a relay that
// replays the outbox.
type Audit struct {
	store     AuditStore
	decisions decisionReader
	clock     avenir.Clock
}

// decisionReader reads a moderation decision, whose event names neither
// its moderator nor the author of the post.
type decisionReader interface {
	Decision(ctx context.Context, id avenir.ID) (forum.Decision, error)
}

// NewAudit returns the audit log kept in store; decisions reads the forums'
// moderation decisions (a forum.Store), nil if the network has no forums.
func NewAudit(store AuditStore, decisions forum.Store, clock avenir.Clock) *Audit {
	if clock == nil {
		clock = avenir.SystemClock
	}
	a := &Audit{store: store, clock: clock}
	if decisions != nil {
		a.decisions = decisions
	}
	return a
}

// Consume writes the audit entry of an outbox event, if its kind is
// audited, and does nothing for any other event. It is idempotent: the
// entry takes the event's ID, so an event consumed twice is written once.
func (a *Audit) Consume(ctx context.Context, e avenir.Event) error {
	entry, ok, err := a.entryOf(ctx, e)
	if err != nil || !ok {
		return err
	}
	return a.store.AddAudit(ctx, entry)
}

func (a *Audit) entryOf(ctx context.Context, e avenir.Event) (AuditEntry, bool, error) {
	entry := AuditEntry{ID: e.ID, Actor: e.Actor, Member: e.Subject, Details: e.Payload, At: e.OccurredAt}
	switch e.Type {
	case "member.role_granted":
		entry.Kind = AuditRoleGranted
	case "member.role_revoked":
		entry.Kind = AuditRoleRevoked
	case "member.status_changed":
		entry.Kind = AuditStatusChanged
	case "member.api_token_created", "member.api_token_revoked":
		entry.Kind = AuditAPIToken
		details := map[string]any{}
		_ = json.Unmarshal(e.Payload, &details)
		details["action"] = map[bool]string{true: "created", false: "revoked"}[e.Type == "member.api_token_created"]
		entry.Details = mustJSON(details)
	case "forum.decision_taken", "forum.appeal_decided":
		if a.decisions == nil {
			return AuditEntry{}, false, nil
		}
		d, err := a.decisions.Decision(ctx, e.Subject)
		if err != nil {
			return AuditEntry{}, false, err
		}
		entry.Kind, entry.Member, entry.Actor = AuditModeration, d.Author, d.Moderator
		details := map[string]any{"decision": d.ID, "post": d.Post, "forum": d.Forum, "action": d.Action, "reason": d.Reason, "role": d.Role}
		if e.Type == "forum.appeal_decided" && d.Appeal != nil {
			entry.Actor = d.Appeal.DecidedBy
			details["appeal"], details["role"] = d.Appeal.Outcome, d.Appeal.Role
		}
		entry.Details = mustJSON(details)
	default:
		return AuditEntry{}, false, nil
	}
	return entry, true, nil
}

// record writes an entry of the network's own workflows, in the
// transaction carried in ctx.
func (a *Audit) record(ctx context.Context, kind AuditKind, actor, member avenir.ID, details any) error {
	entry := AuditEntry{ID: avenir.NewID(), Kind: kind, Actor: actor, Member: member, At: a.clock.Now()}
	if details != nil {
		entry.Details = mustJSON(details)
	}
	return a.store.AddAudit(ctx, entry)
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // details of ours always encode
	}
	return b
}

// ConfigChanged records that actor changed the network's configuration,
// naming the settings that differ (by their JSON path, values included:
// a configuration holds no personal data). An admin may.
func (a *Audit) ConfigChanged(ctx context.Context, actor avenir.Actor, before, after Config) error {
	if !actor.IsAdmin() {
		return avenir.ErrForbidden
	}
	changes := map[string]any{}
	diffJSON("", toTree(before), toTree(after), changes)
	if len(changes) == 0 {
		return nil
	}
	return a.record(ctx, AuditConfigChanged, actor.ID, avenir.ID{}, map[string]any{"changed": changes})
}

func toTree(c Config) any {
	var v any
	_ = json.Unmarshal(mustJSON(c), &v)
	return v
}

// diffJSON puts in out, by path, the new value of every leaf of after that
// differs from before (lists compare whole).
func diffJSON(path string, before, after any, out map[string]any) {
	bm, bok := before.(map[string]any)
	am, aok := after.(map[string]any)
	if bok && aok {
		for k, av := range am {
			p := k
			if path != "" {
				p = path + "." + k
			}
			diffJSON(p, bm[k], av, out)
		}
		return
	}
	if string(mustJSON(before)) != string(mustJSON(after)) {
		out[path] = after
	}
}

// List returns a page of the log, newest first. An admin reads every entry
// and may filter by member; anyone else reads only the entries about
// themself, whatever the filter says. Anonymous visitors are refused.
func (a *Audit) List(ctx context.Context, actor avenir.Actor, f AuditFilter, page avenir.PageRequest) (avenir.Page[AuditEntry], error) {
	if actor.IsAnonymous() {
		return avenir.Page[AuditEntry]{}, avenir.ErrUnauthenticated
	}
	size, err := page.Size()
	if err != nil {
		return avenir.Page[AuditEntry]{}, err
	}
	if !actor.IsAdmin() {
		f.Member = actor.ID
	}
	if page.After != "" {
		var k AuditKey
		if err := avenir.DecodeCursor(page.After, auditCursor, &k.At, &k.ID); err != nil {
			return avenir.Page[AuditEntry]{}, err
		}
		f.Before = &k
	}
	for _, k := range f.Kinds {
		if !validKind(k) {
			return avenir.Page[AuditEntry]{}, avenir.FieldError("kind", "The audit kind %q is not known.", k)
		}
	}
	f.Limit = size + 1
	rows, err := a.store.Audit(ctx, f)
	if err != nil {
		return avenir.Page[AuditEntry]{}, err
	}
	if !actor.IsAdmin() {
		hideModerators(rows)
	}
	return avenir.NewPage(rows, size, auditCursor, func(e AuditEntry) []any { return []any{e.At, e.ID} }), nil
}

const auditCursor = "network.audit"

func validKind(k AuditKind) bool {
	for _, known := range AuditKinds {
		if k == known {
			return true
		}
	}
	return false
}

// about lists every entry about a member, oldest first, for their export.
func (a *Audit) about(ctx context.Context, member avenir.ID) ([]AuditEntry, error) {
	out := []AuditEntry{}
	f := AuditFilter{Member: member, Limit: 500}
	for {
		rows, err := a.store.Audit(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
		if len(rows) < f.Limit {
			break
		}
		last := rows[len(rows)-1]
		f.Before = &AuditKey{At: last.At, ID: last.ID}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// The audit log is a part of a member's export: the entries about them.
// Erasure leaves it: entries hold no personal data beyond the member's ID,
// and they are the proof of what was done (GDPR art. 5(2)).
var _ membership.PersonalData = (*Audit)(nil)

// Section names the audit log's part of an export.
func (a *Audit) Section() string { return "audit" }

// ExportMember returns the entries about a member, oldest first, as the
// member may see them.
func (a *Audit) ExportMember(ctx context.Context, member avenir.ID) (any, error) {
	entries, err := a.about(ctx, member)
	if err != nil {
		return nil, err
	}
	hideModerators(entries)
	return entries, nil
}

// hideModerators removes the moderator from moderation entries: the forums
// tell an author the moderator's role, never their name, so that a decision
// is the forum's, not a person's to be pressured.
func hideModerators(entries []AuditEntry) {
	for i := range entries {
		if entries[i].Kind == AuditModeration {
			entries[i].Actor = avenir.ID{}
		}
	}
}

// EraseMember keeps the entries about the member: see Section.
func (a *Audit) EraseMember(context.Context, avenir.ID) error { return nil }

// auditedMembers is membership's store, whose Record also writes the audit
// entries of the events, in the same transaction.
type auditedMembers struct {
	membership.Store
	audit *Audit
}

func (s auditedMembers) Record(ctx context.Context, events ...avenir.Event) error {
	return recordAudited(ctx, s.Store.Record, s.audit, events)
}

// auditedForums is the forums' store, whose Record also writes the audit
// entries of moderation decisions, in the same transaction.
type auditedForums struct {
	forum.Store
	audit *Audit
}

func (s auditedForums) Record(ctx context.Context, events ...avenir.Event) error {
	return recordAudited(ctx, s.Store.Record, s.audit, events)
}

func recordAudited(ctx context.Context, record func(context.Context, ...avenir.Event) error, audit *Audit, events []avenir.Event) error {
	if err := record(ctx, events...); err != nil {
		return err
	}
	for _, e := range events {
		if err := audit.Consume(ctx, e); err != nil {
			return err
		}
	}
	return nil
}
