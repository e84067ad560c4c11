package forum

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// The forums hold personal data: what a member wrote, the posts they
// support (an opinion), the posts they flagged, the threads they watch, and
// the decisions about their posts with their appeals. Service implements
// membership.PersonalData, so that a member's export and erasure include
// them.
var _ membership.PersonalData = (*Service)(nil)

// Section names the package's part of an export.
func (s *Service) Section() string { return "forum" }

// MemberData is what the forums hold about a member.
type MemberData struct {
	Posts     []Post      `json:"posts"`     // every post they wrote, in every state, newest first
	Revisions []Revision  `json:"revisions"` // the earlier versions of their posts
	Supports  []avenir.ID `json:"supports"`  // the posts they support
	Flags     []Flag      `json:"flags"`     // the posts they flagged, and why
	Watching  []avenir.ID `json:"watching"`  // the threads they watch
	Decisions []Decision  `json:"decisions"` // about their posts, with their appeals, newest first
}

// ExportMember returns what the forums hold about a member.
func (s *Service) ExportMember(ctx context.Context, member avenir.ID) (any, error) {
	var (
		d   MemberData
		err error
	)
	if d.Posts, err = s.authored(ctx, member); err != nil {
		return nil, err
	}
	d.Revisions = []Revision{}
	for i, p := range d.Posts {
		d.Posts[i].Flags = 0 // open flags are for moderators
		if !p.Edited() {
			continue
		}
		revs, err := s.store.Revisions(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		d.Revisions = append(d.Revisions, revs...)
	}
	if d.Supports, err = s.store.MemberSupports(ctx, member); err != nil {
		return nil, err
	}
	if d.Flags, err = s.store.MemberFlags(ctx, member); err != nil {
		return nil, err
	}
	if d.Watching, err = s.store.Watched(ctx, member); err != nil {
		return nil, err
	}
	f := DecisionFilter{Author: member, Limit: 500}
	for {
		rows, err := s.store.Decisions(ctx, f)
		if err != nil {
			return nil, err
		}
		d.Decisions = append(d.Decisions, rows...)
		if len(rows) < f.Limit {
			break
		}
		last := rows[len(rows)-1]
		f.Before = &DecisionKey{DecidedAt: last.DecidedAt, ID: last.ID}
	}
	return d, nil
}

// authored lists every post of a member, in every state, newest first.
func (s *Service) authored(ctx context.Context, member avenir.ID) ([]Post, error) {
	out := []Post{}
	f := PostFilter{Reader: Reader{Actor: member, ModeratesAll: true}, Author: member, Limit: 500}
	for {
		rows, err := s.store.Posts(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
		if len(rows) < f.Limit {
			return out, nil
		}
		last := rows[len(rows)-1]
		f.Before = &PostKey{CreatedAt: last.CreatedAt, ID: last.ID}
	}
}

// ErasedTitle replaces the title of a thread whose opening post was not
// public when its author's data was erased.
const ErasedTitle = "—"

// EraseMember removes a member's personal data from the forums, inside the
// erasure's transaction. Their published posts are public contributions to
// a discussion: they stay, with their author shown as a former member (the
// author is the member's tombstone, whose name is gone), so that threads
// still read. Everything else they wrote goes: the text of their pending,
// hidden and deleted posts (a pending post is withdrawn), the earlier
// versions of their posts, the text of their flags and appeals. Their
// supports are withdrawn (the counts follow) and their watches dropped. The
// flags and decisions themselves stay, with their reason codes, for the
// moderation log's sake.
func (s *Service) EraseMember(ctx context.Context, member avenir.ID) error {
	posts, err := s.authored(ctx, member)
	if err != nil {
		return err
	}
	for _, p := range posts {
		if p.State == Published {
			continue
		}
		if err := s.store.LockThread(ctx, p.Thread); err != nil {
			return err
		}
		if p.State == Pending {
			p.State, p.QueuedAt = Deleted, time.Time{}
		}
		p.Body, p.HTML = "", ""
		if err := s.store.UpdatePost(ctx, p); err != nil {
			return err
		}
		if p.First() {
			if err := s.store.SetThreadTitle(ctx, p.Thread, ErasedTitle); err != nil {
				return err
			}
		}
		if err := s.store.Recount(ctx, p.Thread); err != nil {
			return err
		}
	}
	return s.store.EraseMember(ctx, member)
}
