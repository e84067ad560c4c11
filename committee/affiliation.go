package committee

import (
	"context"
	"time"
	"unicode/utf8"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/text"
)

// Affiliation is a period during which a committee is a member's primary
// committee. A member has at most one open affiliation (the database
// enforces it); a transfer ends it and opens the next, so that the list of
// a member's affiliations is the history of their moves: from where, to
// where, when, by whom and why.
type Affiliation struct {
	ID        avenir.ID `json:"id"`
	Member    avenir.ID `json:"member"`
	Committee avenir.ID `json:"committee"`
	From      avenir.ID `json:"from,omitzero"` // the committee before; zero for the first
	StartedAt time.Time `json:"started_at"`
	By        avenir.ID `json:"by,omitzero"` // who made the move: the member, an animator, an admin
	Reason    string    `json:"reason,omitempty"`
	EndedAt   time.Time `json:"ended_at,omitzero"`
}

// Open reports whether the affiliation is the member's current one.
func (a Affiliation) Open() bool { return a.EndedAt.IsZero() }

// MaxReasonLen bounds the reason of a transfer.
const MaxReasonLen = 500

// AffiliatedMember is a member with their primary committee, as a store
// lists them.
type AffiliatedMember struct {
	Member    membership.Member
	Committee avenir.ID
}

// MemberFilter selects the members in good standing whose primary
// committee is one of Committees, in the membership directory's order
// (SortKey, then ID), after the keyset (AfterSortKey, AfterID).
type MemberFilter struct {
	Committees   []avenir.ID
	AfterSortKey string
	AfterID      avenir.ID
	Limit        int
}

// AffiliationStore is the part of Store about affiliations and follows.
type AffiliationStore interface {
	// MemberStatus returns a member's status.
	MemberStatus(ctx context.Context, member avenir.ID) (avenir.Status, error)
	// OpenAffiliation returns the member's open affiliation, not_found
	// when they have none.
	OpenAffiliation(ctx context.Context, member avenir.ID) (Affiliation, error)
	// AddAffiliation opens an affiliation; a member's second open one is a
	// conflict.
	AddAffiliation(ctx context.Context, a ...Affiliation) error
	// EndAffiliations ends the open affiliations with the IDs at a time.
	EndAffiliations(ctx context.Context, at time.Time, ids ...avenir.ID) error
	// Affiliations returns a member's affiliations, oldest first.
	Affiliations(ctx context.Context, member avenir.ID) ([]Affiliation, error)
	// CommitteeAffiliations returns the open affiliations of a committee.
	CommitteeAffiliations(ctx context.Context, committee avenir.ID) ([]Affiliation, error)
	// CountMembers counts, per committee, the members in good standing
	// whose open affiliation is there. Committees with none are absent.
	CountMembers(ctx context.Context) (map[avenir.ID]int, error)
	// AffiliatedMembers lists members in good standing by their open
	// affiliation.
	AffiliatedMembers(ctx context.Context, f MemberFilter) ([]AffiliatedMember, error)

	// Follow records that a member follows a committee; following it again
	// changes nothing.
	Follow(ctx context.Context, member, committee avenir.ID, at time.Time) error
	Unfollow(ctx context.Context, member, committee avenir.ID) error
	// Followed returns the committees a member follows.
	Followed(ctx context.Context, member avenir.ID) ([]avenir.ID, error)
	// MoveFollows makes the followers of one committee followers of
	// another (for a merge).
	MoveFollows(ctx context.Context, from, to avenir.ID) error
	// EraseMember removes what the package holds about a member: follows
	// and RSVPs go; affiliations end and lose their reasons.
	EraseMember(ctx context.Context, member avenir.ID, at time.Time) error
}

// mayBelong reports whether a member of status may have a primary
// committee: applicants, members and those whose membership lapsed (who
// keep it until they renew or leave). Supporters follow committees instead.
func mayBelong(s avenir.Status) bool {
	switch s {
	case avenir.StatusApplicant, avenir.StatusActive, avenir.StatusGrace, avenir.StatusLapsed:
		return true
	}
	return false
}

// Affiliation returns a member's current primary committee, for the
// member themself and admins; not_found when they have none.
func (s *Service) Affiliation(ctx context.Context, actor avenir.Actor, member avenir.ID) (Affiliation, error) {
	if actor.ID != member && !actor.IsAdmin() {
		return Affiliation{}, avenir.ErrNotFound
	}
	return s.store.OpenAffiliation(ctx, member)
}

// History returns a member's affiliations, oldest first, for the member
// themself and admins.
func (s *Service) History(ctx context.Context, actor avenir.Actor, member avenir.ID) ([]Affiliation, error) {
	if actor.ID != member && !actor.IsAdmin() {
		return nil, avenir.ErrNotFound
	}
	return s.store.Affiliations(ctx, member)
}

// Join makes a committee the actor's primary committee when they have
// none (a new member, usually with the committee Suggest found). Changing
// it afterwards is a Transfer.
func (s *Service) Join(ctx context.Context, actor avenir.Actor, committee avenir.ID) (Affiliation, error) {
	if actor.IsAnonymous() {
		return Affiliation{}, avenir.ErrUnauthenticated
	}
	return s.move(ctx, actor, actor.ID, committee, "", false)
}

// Transfer moves a member to another primary committee, with a reason
// (optional). The member may move themself; an admin anyone; an animator
// the members of a committee they lead to another they lead. The old
// affiliation ends and a new one starts, in one transaction, with an
// affiliation.transferred event.
func (s *Service) Transfer(ctx context.Context, actor avenir.Actor, member, to avenir.ID, reason string) (Affiliation, error) {
	if actor.IsAnonymous() {
		return Affiliation{}, avenir.ErrUnauthenticated
	}
	reason = text.Clean(reason)
	if utf8.RuneCountInString(reason) > MaxReasonLen {
		return Affiliation{}, avenir.FieldError("reason", "The reason must be at most %d characters.", MaxReasonLen)
	}
	return s.move(ctx, actor, member, to, reason, true)
}

// move is Join (transfer false: the member has no committee yet) and
// Transfer.
func (s *Service) move(ctx context.Context, actor avenir.Actor, member, to avenir.ID, reason string, transfer bool) (Affiliation, error) {
	var out Affiliation
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		target, err := s.store.Committee(ctx, to)
		if err != nil {
			return notFoundAs(err, avenir.FieldError("committee", "The committee does not exist."))
		}
		if !target.Active() {
			return avenir.Errorf(avenir.CodeConflict, "The committee %q is archived.", target.Name)
		}
		current, err := s.store.OpenAffiliation(ctx, member)
		if err != nil && !avenir.IsCode(err, avenir.CodeNotFound) {
			return err
		}
		if actor.ID != member && !actor.IsAdmin() && !(!current.ID.IsZero() && CanAnimate(actor, current.Committee) && CanAnimate(actor, to)) {
			return avenir.ErrNotFound
		}
		switch {
		case !current.ID.IsZero() && !transfer:
			return avenir.Errorf(avenir.CodeConflict, "You already belong to a committee: ask for a transfer.")
		case current.Committee == to:
			out = current
			return nil
		}
		status, err := s.store.MemberStatus(ctx, member)
		if err != nil {
			return err
		}
		if !mayBelong(status) {
			return avenir.Errorf(avenir.CodeConflict, "Only members belong to a committee; supporters may follow committees.")
		}
		now := s.now()
		if !current.ID.IsZero() {
			if err := s.store.EndAffiliations(ctx, now, current.ID); err != nil {
				return err
			}
		}
		out = Affiliation{ID: avenir.NewID(), Member: member, Committee: to, From: current.Committee, StartedAt: now, By: actor.ID, Reason: reason}
		if err := s.store.AddAffiliation(ctx, out); err != nil {
			if avenir.IsCode(err, avenir.CodeConflict) {
				return avenir.Errorf(avenir.CodeConflict, "You already belong to a committee: ask for a transfer.")
			}
			return err
		}
		return s.store.Record(ctx, s.affiliationEvent(out))
	})
	return out, err
}

// affiliationEvent names a person and where they belong: only moderators
// (and admins) may learn of it through the outbox, as with membership's
// events.
func (s *Service) affiliationEvent(a Affiliation) avenir.Event {
	typ := "affiliation.transferred"
	if a.From.IsZero() {
		typ = "affiliation.joined"
	}
	payload := map[string]any{"committee": a.Committee}
	if !a.From.IsZero() {
		payload["from"] = a.From
	}
	return s.event(typ, a.By, a.Member, avenir.Moderators, payload)
}

// Follow adds a committee to those the actor follows (its public events in
// their feed), besides their primary one. Supporters may follow.
func (s *Service) Follow(ctx context.Context, actor avenir.Actor, committee avenir.ID) error {
	if !actor.Registered() {
		return avenir.ErrUnauthenticated
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		c, err := s.store.Committee(ctx, committee)
		if err != nil {
			return err
		}
		if !c.Active() {
			return avenir.Errorf(avenir.CodeConflict, "The committee %q is archived.", c.Name)
		}
		return s.store.Follow(ctx, actor.ID, committee, s.now())
	})
}

// Unfollow removes a committee from those the actor follows.
func (s *Service) Unfollow(ctx context.Context, actor avenir.Actor, committee avenir.ID) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	return s.store.Unfollow(ctx, actor.ID, committee)
}

// Following returns the committees the actor follows, by name.
func (s *Service) Following(ctx context.Context, actor avenir.Actor) ([]Committee, error) {
	if actor.IsAnonymous() {
		return nil, avenir.ErrUnauthenticated
	}
	ids, err := s.store.Followed(ctx, actor.ID)
	if err != nil || len(ids) == 0 {
		return []Committee{}, err
	}
	return s.store.Committees(ctx, Filter{IDs: ids, Archived: true})
}

// Count is how many members in good standing a committee has: directly,
// and with the committees below it.
type Count struct {
	Members int `json:"members"`
	Total   int `json:"total"`
}

// Counts returns the count of every active committee, for members in good
// standing and admins.
func (s *Service) Counts(ctx context.Context, actor avenir.Actor) (map[avenir.ID]Count, error) {
	if actor.IsAnonymous() {
		return nil, avenir.ErrUnauthenticated
	}
	if !CanSeeCounts(actor) {
		return nil, avenir.ErrForbidden
	}
	var (
		direct map[avenir.ID]int
		all    []Committee
	)
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if direct, err = s.store.CountMembers(ctx); err != nil {
			return err
		}
		all, err = s.store.Committees(ctx, Filter{})
		return err
	})
	if err != nil {
		return nil, err
	}
	return totals(all, direct), nil
}

// totals adds each committee's direct count to itself and every committee
// above it.
func totals(all []Committee, direct map[avenir.ID]int) map[avenir.ID]Count {
	parent := make(map[avenir.ID]avenir.ID, len(all))
	out := make(map[avenir.ID]Count, len(all))
	for _, c := range all {
		parent[c.ID] = c.Parent
		out[c.ID] = Count{Members: direct[c.ID]}
	}
	for _, c := range all {
		n := direct[c.ID]
		// Walk up; a tree of a few levels, guarded against a cycle.
		for id, steps := c.ID, 0; !id.IsZero() && steps <= len(all); id, steps = parent[id], steps+1 {
			if cnt, ok := out[id]; ok {
				cnt.Total += n
				out[id] = cnt
			}
		}
	}
	return out
}

// MemberEntry is a member as a committee's member list shows them.
type MemberEntry struct {
	// Member is what the viewer may see: for an animator, the profile as
	// the member's visibility allows, with the email and phone when the
	// member consented to share them with their committee's animators; for
	// a fellow member, the names only.
	Member    membership.Member `json:"member"`
	Committee avenir.ID         `json:"committee"` // the member's primary committee: this one or one below
}

const membersCursor = "committee.members"

// Members lists the members in good standing of a committee, in the
// membership directory's order, keyset-paginated:
//   - for its animators and those above: its members and those of every
//     committee below, with contact details only where
//     membership.Service.ContactVisible allows; each page that shows
//     someone's contact details is audited in one write (membership's
//     access records, "committee");
//   - for its own members, when the committee shows its list: its members'
//     names.
//
// Anyone else gets not_found.
func (s *Service) Members(ctx context.Context, actor avenir.Actor, committee avenir.ID, page avenir.PageRequest) (avenir.Page[MemberEntry], error) {
	if s.cfg.Members == nil {
		return avenir.Page[MemberEntry]{}, avenir.Internal(errNoMembers)
	}
	size, err := page.Size()
	if err != nil {
		return avenir.Page[MemberEntry]{}, err
	}
	f := MemberFilter{Limit: size + 1}
	if page.After != "" {
		if err := avenir.DecodeCursor(page.After, membersCursor, &f.AfterSortKey, &f.AfterID); err != nil {
			return avenir.Page[MemberEntry]{}, err
		}
	}
	var out avenir.Page[MemberEntry]
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		c, err := s.store.Committee(ctx, committee)
		if err != nil {
			return err
		}
		animator := CanListMembers(actor, c)
		switch {
		case animator:
			sub, err := s.store.Subtree(ctx, c.ID)
			if err != nil {
				return err
			}
			for _, d := range sub {
				f.Committees = append(f.Committees, d.ID)
			}
		case CanListFellows(actor, c):
			f.Committees = []avenir.ID{c.ID}
		default:
			return avenir.ErrNotFound
		}
		rows, err := s.store.AffiliatedMembers(ctx, f)
		if err != nil {
			return err
		}
		raw := avenir.NewPage(rows, size, membersCursor, func(m AffiliatedMember) []any {
			return []any{membership.SortKey(m.Member), m.Member.ID}
		})
		out = avenir.Page[MemberEntry]{Items: make([]MemberEntry, len(raw.Items)), Next: raw.Next}
		var seen []avenir.ID
		for i, am := range raw.Items {
			v, err := s.entryView(ctx, actor, am, animator)
			if err != nil {
				return err
			}
			out.Items[i] = MemberEntry{Member: v, Committee: am.Committee}
			if v.ID != actor.ID && (v.Email != "" || v.Phone != "" || v.Address != (membership.Address{})) {
				seen = append(seen, v.ID)
			}
		}
		// Contact details listed: each member's are audited, in one write.
		return s.cfg.Members.RecordAccess(ctx, actor, "committee", seen...)
	})
	return out, err
}

// entryView is what the viewer may see of a member in a committee's list.
func (s *Service) entryView(ctx context.Context, viewer avenir.Actor, am AffiliatedMember, animator bool) (membership.Member, error) {
	m := am.Member
	full := m.View(viewer)
	// A list shows people, not their membership records (status, dues).
	v := membership.Member{ID: m.ID, Email: full.Email, Profile: full.Profile}
	v.Visibility = nil
	if !animator {
		// A fellow member sees names only.
		return membership.Member{ID: m.ID, Profile: membership.Profile{DisplayName: v.DisplayName, FullName: v.FullName}}, nil
	}
	ok, err := s.cfg.Members.ContactVisible(ctx, viewer, m.ID, []avenir.ID{am.Committee})
	if err != nil {
		return membership.Member{}, err
	}
	if ok {
		v.Email, v.Phone = m.Email, m.Phone
	}
	return v, nil
}
