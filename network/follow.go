package network

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// FollowKind is what a member follows.
type FollowKind string

// The kinds of follow. A thread follow is the forum's watch
// (forum.Service.Watch) and a committee follow the committee's
// (committee.Service.Follow): Follows delegates to them, so that each thing
// is followed in one place.
const (
	FollowMember    FollowKind = "member"
	FollowCommittee FollowKind = "committee"
	FollowForum     FollowKind = "forum"
	FollowThread    FollowKind = "thread"
	FollowAction    FollowKind = "action" // a solidarity action
)

// Target is something a member follows.
type Target struct {
	Kind FollowKind `json:"kind"`
	ID   avenir.ID  `json:"id"`
}

// FollowPolicy says who may follow a member.
type FollowPolicy string

// The follow policies. The social layer is reserved to members, so that
// "followed only by members" is what FollowMembers means and the default;
// FollowNobody refuses followers (and removes those there are).
const (
	FollowMembers FollowPolicy = "members"
	FollowNobody  FollowPolicy = "nobody"
)

// FollowEntry is one member in a list of followers or of followed members.
type FollowEntry struct {
	Member avenir.ID `json:"member"`
	Name   string    `json:"name"` // their display name
	Since  time.Time `json:"since"`
}

// FollowCounts are a member's numbers of followers and of followed members.
type FollowCounts struct {
	Followers int `json:"followers"`
	Following int `json:"following"`
}

// FollowFilter selects a page of a member's followers (Followers true) or
// of the members they follow, newest first, leaving out the members blocked
// by or blocking Viewer.
type FollowFilter struct {
	Member    avenir.ID
	Followers bool
	Viewer    avenir.ID
	After     *FollowEntry // keyset: the last entry of the previous page
	Limit     int
}

// Block is a member someone blocked.
type Block struct {
	Member avenir.ID `json:"member"`
	Since  time.Time `json:"since"`
}

// Directory answers what the social services ask about members: who exists
// with what status, and who blocks whom.
type Directory interface {
	// MemberStatuses returns the statuses of the members that exist among ids.
	MemberStatuses(ctx context.Context, ids []avenir.ID) (map[avenir.ID]avenir.Status, error)
	// BlockedAmong returns those of others who block member or whom member
	// blocks.
	BlockedAmong(ctx context.Context, member avenir.ID, others []avenir.ID) ([]avenir.ID, error)
}

// FollowStore keeps follows, blocks and follow policies. The storage package
// implements it (db.Follows()).
type FollowStore interface {
	Directory
	InTx(ctx context.Context, fn func(ctx context.Context) error) error

	// AddFollow records a follow of a member, forum or action (again is a
	// no-op).
	AddFollow(ctx context.Context, follower avenir.ID, t Target, at time.Time) error
	RemoveFollow(ctx context.Context, follower avenir.ID, t Target) error
	IsFollowing(ctx context.Context, follower avenir.ID, t Target) (bool, error)
	// Followed lists what a member follows of a kind (member, forum,
	// action), newest first.
	Followed(ctx context.Context, follower avenir.ID, kind FollowKind) ([]Target, error)
	FollowList(ctx context.Context, f FollowFilter) ([]FollowEntry, error)
	FollowCounts(ctx context.Context, member avenir.ID) (FollowCounts, error)
	// RemoveFollowers removes every follow of the member.
	RemoveFollowers(ctx context.Context, member avenir.ID) error

	// AddBlock records a block (again is a no-op) and removes the follows
	// between the two members, both ways.
	AddBlock(ctx context.Context, blocker, blocked avenir.ID, at time.Time) error
	RemoveBlock(ctx context.Context, blocker, blocked avenir.ID) error
	Blocks(ctx context.Context, blocker avenir.ID) ([]Block, error)

	FollowPolicy(ctx context.Context, member avenir.ID) (FollowPolicy, error)
	SetFollowPolicy(ctx context.Context, member avenir.ID, p FollowPolicy, at time.Time) error

	// EraseFollows removes a member's follows (both ways), blocks (both
	// ways) and policy.
	EraseFollows(ctx context.Context, member avenir.ID) error
}

// Follows is the service of follows and blocks: a member follows members,
// committees, forums, threads and solidarity actions they may read; a
// member may refuse followers; blocking a member hides the two from each
// other (no follow either way, no conversation, each other's activity out
// of their feeds).
type Follows struct {
	store FollowStore
	cfg   SocialConfig
}

// NewFollows returns the follows service. Following committees, forums,
// threads and actions needs the matching domain service in cfg.
func NewFollows(store FollowStore, cfg SocialConfig) *Follows {
	return &Follows{store: store, cfg: cfg.withDefaults()}
}

func (s *Follows) now() time.Time { return s.cfg.Clock.Now() }

// Follow makes the actor follow t. Following what the actor may not read is
// not_found, as is following a member they block or who blocks them;
// following a member who refuses followers is forbidden. Following again
// changes nothing.
func (s *Follows) Follow(ctx context.Context, actor avenir.Actor, t Target) error {
	if err := socialMember(actor); err != nil {
		return err
	}
	switch t.Kind {
	case FollowMember:
		return s.followMember(ctx, actor, t.ID)
	case FollowCommittee:
		if s.cfg.Committees != nil {
			return s.cfg.Committees.Follow(ctx, actor, t.ID)
		}
	case FollowThread:
		if s.cfg.Forums != nil {
			return s.cfg.Forums.Watch(ctx, actor, t.ID)
		}
	case FollowForum:
		if s.cfg.Forums != nil {
			if _, err := s.cfg.Forums.Forum(ctx, actor, t.ID); err != nil {
				return err
			}
			return s.store.AddFollow(ctx, actor.ID, t, s.now())
		}
	case FollowAction:
		if s.cfg.Solidarity != nil {
			if _, err := s.cfg.Solidarity.Action(ctx, actor, t.ID); err != nil {
				return err
			}
			return s.store.AddFollow(ctx, actor.ID, t, s.now())
		}
	}
	return avenir.FieldError("kind", "The kind %q cannot be followed.", string(t.Kind))
}

func (s *Follows) followMember(ctx context.Context, actor avenir.Actor, member avenir.ID) error {
	if member == actor.ID {
		return avenir.FieldError("id", "You cannot follow yourself.")
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.visibleMember(ctx, actor, member, true); err != nil {
			return err
		}
		p, err := s.store.FollowPolicy(ctx, member)
		if err != nil {
			return err
		}
		if p == FollowNobody {
			return avenir.Errorf(avenir.CodeForbidden, "This member does not accept followers.")
		}
		return s.store.AddFollow(ctx, actor.ID, Target{Kind: FollowMember, ID: member}, s.now())
	})
}

// visibleMember returns not_found unless member is someone the actor may
// see in the social layer: a member (in good standing when active is set,
// else anyone not erased) with no block between them.
func (s *Follows) visibleMember(ctx context.Context, actor avenir.Actor, member avenir.ID, active bool) error {
	statuses, err := s.store.MemberStatuses(ctx, []avenir.ID{member})
	if err != nil {
		return err
	}
	st, ok := statuses[member]
	if !ok || st == avenir.StatusErased || (active && !st.InGoodStanding()) {
		return avenir.ErrNotFound
	}
	if member == actor.ID {
		return nil
	}
	blocked, err := s.store.BlockedAmong(ctx, actor.ID, []avenir.ID{member})
	if err != nil {
		return err
	}
	if len(blocked) > 0 {
		return avenir.ErrNotFound
	}
	return nil
}

// Unfollow stops the actor following t; unfollowing what one does not
// follow changes nothing.
func (s *Follows) Unfollow(ctx context.Context, actor avenir.Actor, t Target) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	switch t.Kind {
	case FollowMember, FollowForum, FollowAction:
		return s.store.RemoveFollow(ctx, actor.ID, t)
	case FollowCommittee:
		if s.cfg.Committees != nil {
			return s.cfg.Committees.Unfollow(ctx, actor, t.ID)
		}
	case FollowThread:
		if s.cfg.Forums != nil {
			return s.cfg.Forums.Unwatch(ctx, actor, t.ID)
		}
	}
	return avenir.FieldError("kind", "The kind %q cannot be followed.", string(t.Kind))
}

// IsFollowing reports whether the actor follows t.
func (s *Follows) IsFollowing(ctx context.Context, actor avenir.Actor, t Target) (bool, error) {
	if actor.IsAnonymous() {
		return false, avenir.ErrUnauthenticated
	}
	switch t.Kind {
	case FollowMember, FollowForum, FollowAction:
		return s.store.IsFollowing(ctx, actor.ID, t)
	case FollowThread:
		if s.cfg.Forums != nil {
			return s.cfg.Forums.Watching(ctx, actor, t.ID)
		}
	case FollowCommittee:
		if s.cfg.Committees != nil {
			list, err := s.cfg.Committees.Following(ctx, actor)
			for _, c := range list {
				if c.ID == t.ID {
					return true, err
				}
			}
			return false, err
		}
	}
	return false, avenir.FieldError("kind", "The kind %q cannot be followed.", string(t.Kind))
}

// Followed lists the members, forums or actions the actor follows, newest
// first. (Committees: committee.Service.Following; threads: the forum's
// watches.)
func (s *Follows) Followed(ctx context.Context, actor avenir.Actor, kind FollowKind) ([]Target, error) {
	if err := socialMember(actor); err != nil {
		return nil, err
	}
	switch kind {
	case FollowMember, FollowForum, FollowAction:
		return s.store.Followed(ctx, actor.ID, kind)
	}
	return nil, avenir.FieldError("kind", "The kind %q cannot be followed.", string(kind))
}

const (
	followersCursor = "network.followers"
	followingCursor = "network.following"
)

// Followers lists a member's followers, newest first: for members in good
// standing only, without the members blocked by or blocking the reader. A
// member the reader may not see is not_found.
func (s *Follows) Followers(ctx context.Context, actor avenir.Actor, member avenir.ID, page avenir.PageRequest) (avenir.Page[FollowEntry], error) {
	return s.list(ctx, actor, member, true, page)
}

// Following lists the members a member follows, newest first, on the same
// terms as Followers.
func (s *Follows) Following(ctx context.Context, actor avenir.Actor, member avenir.ID, page avenir.PageRequest) (avenir.Page[FollowEntry], error) {
	return s.list(ctx, actor, member, false, page)
}

func (s *Follows) list(ctx context.Context, actor avenir.Actor, member avenir.ID, followers bool, page avenir.PageRequest) (avenir.Page[FollowEntry], error) {
	if err := socialMember(actor); err != nil {
		return avenir.Page[FollowEntry]{}, err
	}
	size, err := page.Size()
	if err != nil {
		return avenir.Page[FollowEntry]{}, err
	}
	kind := followingCursor
	if followers {
		kind = followersCursor
	}
	f := FollowFilter{Member: member, Followers: followers, Viewer: actor.ID, Limit: size + 1}
	if page.After != "" {
		var after FollowEntry
		if err := avenir.DecodeCursor(page.After, kind, &after.Since, &after.Member); err != nil {
			return avenir.Page[FollowEntry]{}, err
		}
		f.After = &after
	}
	if err := s.visibleMember(ctx, actor, member, false); err != nil {
		return avenir.Page[FollowEntry]{}, err
	}
	rows, err := s.store.FollowList(ctx, f)
	if err != nil {
		return avenir.Page[FollowEntry]{}, err
	}
	return avenir.NewPage(rows, size, kind, func(e FollowEntry) []any { return []any{e.Since, e.Member} }), nil
}

// Counts returns a member's numbers of followers and followed members, for
// members in good standing.
func (s *Follows) Counts(ctx context.Context, actor avenir.Actor, member avenir.ID) (FollowCounts, error) {
	if err := socialMember(actor); err != nil {
		return FollowCounts{}, err
	}
	if err := s.visibleMember(ctx, actor, member, false); err != nil {
		return FollowCounts{}, err
	}
	return s.store.FollowCounts(ctx, member)
}

// Policy returns who may follow the actor.
func (s *Follows) Policy(ctx context.Context, actor avenir.Actor) (FollowPolicy, error) {
	if actor.IsAnonymous() {
		return "", avenir.ErrUnauthenticated
	}
	return s.store.FollowPolicy(ctx, actor.ID)
}

// SetPolicy sets who may follow the actor. Refusing followers
// (FollowNobody) also removes those the actor has.
func (s *Follows) SetPolicy(ctx context.Context, actor avenir.Actor, p FollowPolicy) error {
	if err := socialMember(actor); err != nil {
		return err
	}
	if p != FollowMembers && p != FollowNobody {
		return avenir.FieldError("policy", "The follow policy %q is not known.", string(p))
	}
	return s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.SetFollowPolicy(ctx, actor.ID, p, s.now()); err != nil {
			return err
		}
		if p == FollowNobody {
			return s.store.RemoveFollowers(ctx, actor.ID)
		}
		return nil
	})
}

// Block blocks a member: neither follows the other any more nor may again,
// neither may start a conversation with or add the other to one, and each
// one's activity leaves the other's feed. Blocking again changes nothing.
func (s *Follows) Block(ctx context.Context, actor avenir.Actor, member avenir.ID) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	if !actor.Registered() {
		return avenir.ErrForbidden
	}
	if member == actor.ID {
		return avenir.FieldError("id", "You cannot block yourself.")
	}
	statuses, err := s.store.MemberStatuses(ctx, []avenir.ID{member})
	if err != nil {
		return err
	}
	if st, ok := statuses[member]; !ok || st == avenir.StatusErased {
		return avenir.ErrNotFound
	}
	return s.store.AddBlock(ctx, actor.ID, member, s.now())
}

// Unblock lifts the actor's block of a member (follows do not come back).
func (s *Follows) Unblock(ctx context.Context, actor avenir.Actor, member avenir.ID) error {
	if actor.IsAnonymous() {
		return avenir.ErrUnauthenticated
	}
	return s.store.RemoveBlock(ctx, actor.ID, member)
}

// Blocks lists the members the actor blocks, newest first.
func (s *Follows) Blocks(ctx context.Context, actor avenir.Actor) ([]Block, error) {
	if actor.IsAnonymous() {
		return nil, avenir.ErrUnauthenticated
	}
	return s.store.Blocks(ctx, actor.ID)
}

// Follows holds personal data (whom a member follows and blocks) and
// implements membership.PersonalData.
var _ membership.PersonalData = (*Follows)(nil)

// FollowData is what Follows holds about a member, in an export.
type FollowData struct {
	Policy    FollowPolicy `json:"follow_policy"`
	Following []Target     `json:"following"` // members, forums and actions
	Blocks    []Block      `json:"blocks"`
}

// Section names the follows' part of an export.
func (s *Follows) Section() string { return "follows" }

// ExportMember returns the member's follow policy, what they follow and whom
// they block. Who follows them is others' data and stays out.
func (s *Follows) ExportMember(ctx context.Context, member avenir.ID) (any, error) {
	var d FollowData
	var err error
	if d.Policy, err = s.store.FollowPolicy(ctx, member); err != nil {
		return nil, err
	}
	d.Following = []Target{}
	for _, kind := range []FollowKind{FollowMember, FollowForum, FollowAction} {
		list, err := s.store.Followed(ctx, member, kind)
		if err != nil {
			return nil, err
		}
		d.Following = append(d.Following, list...)
	}
	if d.Blocks, err = s.store.Blocks(ctx, member); err != nil {
		return nil, err
	}
	return d, nil
}

// EraseMember removes the member's follows, both ways, their blocks, both
// ways, and their policy.
func (s *Follows) EraseMember(ctx context.Context, member avenir.ID) error {
	return s.store.EraseFollows(ctx, member)
}
