package network

import (
	"context"
	"slices"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/solidarity"
)

// The feed's SubjectCheckers, over the domain services. Each asks the
// service the question a page of that service would ask, once per distinct
// subject of a feed page (at most a page's worth): not_found means "not for
// this reader", any other error is the page's.

// eachVisible runs may on each distinct subject.
func eachVisible(subjects []avenir.ID, may func(avenir.ID) (bool, error)) (map[avenir.ID]bool, error) {
	out := make(map[avenir.ID]bool, len(subjects))
	for _, id := range subjects {
		if _, done := out[id]; done {
			continue
		}
		ok, err := may(id)
		if avenir.IsCode(err, avenir.CodeNotFound) {
			ok, err = false, nil
		}
		if err != nil {
			return nil, err
		}
		out[id] = ok
	}
	return out, nil
}

// forumThreads: a thread the reader may read, and published (a thread
// hidden or held for moderation leaves the feed, the moderators' too).
type forumThreads struct{ svc *forum.Service }

func (c forumThreads) Visible(ctx context.Context, actor avenir.Actor, subjects []avenir.ID) (map[avenir.ID]bool, error) {
	return eachVisible(subjects, func(id avenir.ID) (bool, error) {
		t, err := c.svc.Thread(ctx, actor, id)
		return err == nil && t.State == forum.Published, err
	})
}

// forumPosts: a reply the reader may read, and published.
type forumPosts struct{ svc *forum.Service }

func (c forumPosts) Visible(ctx context.Context, actor avenir.Actor, subjects []avenir.ID) (map[avenir.ID]bool, error) {
	return eachVisible(subjects, func(id avenir.ID) (bool, error) {
		p, err := c.svc.Post(ctx, actor, id)
		return err == nil && p.State == forum.Published, err
	})
}

// committeeEvents: a field event the reader may see.
type committeeEvents struct{ svc *committee.Service }

func (c committeeEvents) Visible(ctx context.Context, actor avenir.Actor, subjects []avenir.ID) (map[avenir.ID]bool, error) {
	return eachVisible(subjects, func(id avenir.ID) (bool, error) {
		_, err := c.svc.Event(ctx, actor, id)
		return err == nil, err
	})
}

// committees: the committee tree is public; a committee that still exists
// (archived or merged ones too: their events say so) is visible.
type committees struct{ svc *committee.Service }

func (c committees) Visible(ctx context.Context, _ avenir.Actor, subjects []avenir.ID) (map[avenir.ID]bool, error) {
	found, err := c.svc.Committees(ctx, slices.Compact(slices.Clone(subjects)))
	if err != nil {
		return nil, err
	}
	out := make(map[avenir.ID]bool, len(found))
	for _, x := range found {
		out[x.ID] = true
	}
	return out, nil
}

// solidarityActions: an action the reader may see.
type solidarityActions struct{ svc *solidarity.Service }

func (c solidarityActions) Visible(ctx context.Context, actor avenir.Actor, subjects []avenir.ID) (map[avenir.ID]bool, error) {
	return eachVisible(subjects, func(id avenir.ID) (bool, error) {
		_, err := c.svc.Action(ctx, actor, id)
		return err == nil, err
	})
}
