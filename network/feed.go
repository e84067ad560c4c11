package network

import (
	"context"
	"strings"

	"github.com/avenirnet/avenir"
)

// The activity feed is read from the outbox: what happens in the reader's
// committees (their own and those they follow), in the forums they follow
// and the threads they watch, and what the members and solidarity actions
// they follow do. Three filters keep it to what the reader may see:
//
//  1. Only the event types below ever appear: forum threads and replies,
//     committee events, committee changes and solidarity actions. Membership
//     (member.*) and affiliation events — which reveal a person's political
//     affiliation, GDPR art. 9 — moderation decisions and conversations
//     (which record no event) never do, whoever reads.
//  2. The query keeps the events whose audience the reader is in (the
//     audience the event was recorded with), leaves out the reader's own
//     and those caused by a member they block or who blocks them.
//  3. Each remaining event's subject is checked again, at read time,
//     through the service that owns it (forum, committee, solidarity): a
//     post hidden, deleted or moved to a forum the reader may not read
//     since the event was recorded is gone from the feed.
//
// The feed pages by keyset on the event ID (newest first), so that a page
// is stable while new events arrive.

// The event types the feed shows, by what ties them to a reader.
var (
	// Forum events name their forum and thread in their payload.
	feedForumTypes = []string{"forum.thread_started", "forum.post_replied"}
	// Committee events (field events) name their organiser in their payload.
	feedEventTypes = []string{"event.published", "event.updated", "event.cancelled"}
	// Changes to a committee have it as their subject.
	feedCommitteeTypes = []string{"committee.created", "committee.updated", "committee.moved", "committee.archived", "committee.merged"}
	// Solidarity actions have the action as their subject.
	feedActionTypes = []string{
		"solidarity.action_published", "solidarity.action_in_progress", "solidarity.action_completed",
		"solidarity.action_cancelled", "solidarity.action_expired",
	}
)

// FeedQuery selects the candidate events of a reader's feed, newest first.
// The store matches ForumTypes by the forum or thread of their payload
// (followed forums, watched threads), EventTypes by the committee of their
// payload and CommitteeTypes by their subject (the reader's Committees and
// those they follow), ActionTypes by their subject (followed actions), and
// every type by its actor (followed members).
type FeedQuery struct {
	Reader         avenir.ID
	Visibility     avenir.Visibility
	Committees     []avenir.ID // the reader's own
	ForumTypes     []string
	EventTypes     []string
	CommitteeTypes []string
	ActionTypes    []string
	Before         avenir.ID // keyset: events before this one; zero for the newest
	Limit          int
}

// FeedStore reads the outbox for feeds. The storage package implements it
// (db.Feed()).
type FeedStore interface {
	FeedEvents(ctx context.Context, q FeedQuery) ([]avenir.Event, error)
}

// SubjectChecker tells which of its subjects an actor may see now. The feed
// has one per kind of subject, each over the service that owns the subject,
// so that the feed applies that service's rules rather than a copy of them.
type SubjectChecker interface {
	Visible(ctx context.Context, actor avenir.Actor, subjects []avenir.ID) (map[avenir.ID]bool, error)
}

// Feed is the activity feed service.
type Feed struct {
	store    FeedStore
	cfg      SocialConfig
	checkers map[string]SubjectChecker // by event type
	isAction map[string]bool           // the solidarity types, shown without their actor
}

// NewFeed returns the feed service. An event type whose owning service is
// missing from cfg never shows.
func NewFeed(store FeedStore, cfg SocialConfig) *Feed {
	f := &Feed{store: store, cfg: cfg.withDefaults(), checkers: map[string]SubjectChecker{}, isAction: map[string]bool{}}
	if cfg.Forums != nil {
		f.checkers["forum.thread_started"] = forumThreads{cfg.Forums}
		f.checkers["forum.post_replied"] = forumPosts{cfg.Forums}
	}
	if cfg.Committees != nil {
		for _, t := range feedEventTypes {
			f.checkers[t] = committeeEvents{cfg.Committees}
		}
		for _, t := range feedCommitteeTypes {
			f.checkers[t] = committees{cfg.Committees}
		}
	}
	if cfg.Solidarity != nil {
		for _, t := range feedActionTypes {
			f.checkers[t] = solidarityActions{cfg.Solidarity}
			f.isAction[t] = true
		}
	}
	return f
}

const (
	feedCursor = "network.feed"
	// feedRounds bounds the reads of one page: when the re-check drops many
	// events, a page may come back short, with a cursor to go on.
	feedRounds = 4
)

// Page returns a page of the actor's feed, newest first. Only members in
// good standing have a feed.
func (f *Feed) Page(ctx context.Context, actor avenir.Actor, page avenir.PageRequest) (avenir.Page[avenir.Event], error) {
	if err := socialMember(actor); err != nil {
		return avenir.Page[avenir.Event]{}, err
	}
	size, err := page.Size()
	if err != nil {
		return avenir.Page[avenir.Event]{}, err
	}
	q := FeedQuery{
		Reader: actor.ID, Visibility: actor.Visibility(), Committees: actor.Committees,
		ForumTypes: f.only(feedForumTypes), EventTypes: f.only(feedEventTypes),
		CommitteeTypes: f.only(feedCommitteeTypes), ActionTypes: f.only(feedActionTypes),
		Limit: size + 1,
	}
	if page.After != "" {
		if err := avenir.DecodeCursor(page.After, feedCursor, &q.Before); err != nil {
			return avenir.Page[avenir.Event]{}, err
		}
	}
	items := []avenir.Event{}
	for range feedRounds {
		rows, err := f.store.FeedEvents(ctx, q)
		if err != nil {
			return avenir.Page[avenir.Event]{}, err
		}
		visible, err := f.visible(ctx, actor, rows)
		if err != nil {
			return avenir.Page[avenir.Event]{}, err
		}
		for _, e := range rows {
			if len(items) == size {
				return avenir.Page[avenir.Event]{Items: items, Next: avenir.EncodeCursor(feedCursor, q.Before)}, nil
			}
			q.Before = e.ID
			if visible[e.ID] {
				if f.isAction[e.Type] {
					e.Actor = avenir.ID{} // who runs or validates an action is not the feed's to tell
				}
				items = append(items, e)
			}
		}
		if len(rows) < q.Limit {
			return avenir.Page[avenir.Event]{Items: items}, nil
		}
	}
	return avenir.Page[avenir.Event]{Items: items, Next: avenir.EncodeCursor(feedCursor, q.Before)}, nil
}

// only keeps the types the feed can check.
func (f *Feed) only(types []string) []string {
	var out []string
	for _, t := range types {
		if f.checkers[t] != nil {
			out = append(out, t)
		}
	}
	return out
}

// visible re-checks the events' subjects, one batch per checker, and
// returns the events that pass.
func (f *Feed) visible(ctx context.Context, actor avenir.Actor, events []avenir.Event) (map[avenir.ID]bool, error) {
	batches := map[SubjectChecker][]avenir.ID{}
	for _, e := range events {
		if c := f.checkers[e.Type]; c != nil {
			batches[c] = append(batches[c], e.Subject)
		}
	}
	seen := map[SubjectChecker]map[avenir.ID]bool{}
	for c, subjects := range batches {
		ok, err := c.Visible(ctx, actor, subjects)
		if err != nil {
			return nil, err
		}
		seen[c] = ok
	}
	out := make(map[avenir.ID]bool, len(events))
	for _, e := range events {
		c := f.checkers[e.Type]
		// Membership and conversation events have no checker: never shown,
		// even if a store let one through.
		if c == nil || strings.HasPrefix(e.Type, "member.") {
			continue
		}
		out[e.ID] = seen[c][e.Subject]
	}
	return out, nil
}
