package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/avenirnet/avenir"
)

// My feed: what happens in the reader's committees, the forums and threads
// they follow, the members and actions they follow (network.Feed decides
// what, and checks again at each reading that the reader may see it). A
// supporter or a visitor has no feed. Who did a thing is shown for forum
// posts only, whose authors the forums show anyway: the author of a
// solidarity action is shown only to those who run or validate it, and the
// actor of a committee's change is staff.
func (s *Server) mountFeed(mux *http.ServeMux) {
	mux.HandleFunc("GET /feed", s.feedPage)
	mux.HandleFunc("GET /api/v1/feed", s.signedIn(s.apiFeed))
}

// feedLines are the feed's sentences by event type: the subject's title
// goes into the link after them.
var feedLines = map[string]string{
	"forum.thread_started":          "%s started a thread:",
	"forum.post_replied":            "%s replied in",
	"event.published":               "A field event is announced:",
	"event.updated":                 "A field event changed:",
	"event.cancelled":               "A field event is cancelled:",
	"committee.created":             "A committee is created:",
	"committee.updated":             "A committee changed:",
	"committee.moved":               "A committee moved in the tree:",
	"committee.archived":            "A committee is archived:",
	"committee.merged":              "A committee was merged:",
	"solidarity.action_published":   "A solidarity action is published:",
	"solidarity.action_in_progress": "A solidarity action is under way:",
	"solidarity.action_completed":   "A solidarity action is completed:",
	"solidarity.action_cancelled":   "A solidarity action is cancelled:",
	"solidarity.action_expired":     "A solidarity action expired:",
}

// feedItem is one line of the feed as the page shows it.
type feedItem struct {
	ID    avenir.ID
	At    time.Time
	Line  string // translated, with the author's name for forum posts
	Title string
	Link  string
}

// feedPayload is what the feed's events carry that the page uses.
type feedPayload struct {
	Thread avenir.ID `json:"thread"`
	Post   avenir.ID `json:"post"`
	Title  string    `json:"title"`
	Name   string    `json:"name"`
	Slug   string    `json:"slug"`
}

// feedItems turns events into lines. An event whose subject the reader no
// longer reads (hidden between the feed's check and this one) is left out.
func (s *Server) feedItems(ctx context.Context, r *http.Request, actor avenir.Actor, events []avenir.Event) []feedItem {
	items := make([]feedItem, 0, len(events))
	for _, e := range events {
		var p feedPayload
		if err := json.Unmarshal(e.Payload, &p); err != nil {
			continue
		}
		it := feedItem{ID: e.ID, At: e.OccurredAt}
		line := feedLines[e.Type]
		switch {
		case line == "":
			continue
		case strings.HasPrefix(e.Type, "forum."):
			t, err := s.forums.Thread(ctx, actor, p.Thread)
			if err != nil {
				continue
			}
			post, err := s.forums.Post(ctx, actor, p.Post)
			if err != nil {
				continue
			}
			author := post.AuthorName
			if author == "" {
				author = s.localize(r, "A former member")
			}
			it.Line, it.Title, it.Link = s.localize(r, line, author), t.Title, "/forums/threads/"+t.ID.String()+"#post-"+post.ID.String()
		case strings.HasPrefix(e.Type, "event."):
			it.Line, it.Title, it.Link = s.localize(r, line), p.Title, "/events/"+e.Subject.String()
		case strings.HasPrefix(e.Type, "committee."):
			it.Line, it.Title, it.Link = s.localize(r, line), p.Name, "/committees/"+p.Slug
		default:
			it.Line, it.Title, it.Link = s.localize(r, line), p.Title, "/solidarity/"+e.Subject.String()
		}
		items = append(items, it)
	}
	return items
}

func (s *Server) feedPage(w http.ResponseWriter, r *http.Request) {
	actor := actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/feed")
		return
	}
	p, err := pageRequest(r)
	var page avenir.Page[avenir.Event]
	if err == nil {
		page, err = s.net.Feed.Page(r.Context(), actor, p)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "feed.html", map[string]any{
		"Title": s.localize(r, "My feed"), "Items": s.feedItems(r.Context(), r, actor, page.Items), "Next": nextURL(r, page.Next),
	})
}

// apiFeed serves the feed's events; the actor is left out but for forum
// posts, as on the page.
func (s *Server) apiFeed(w http.ResponseWriter, r *http.Request) {
	p, err := pageRequest(r)
	var page avenir.Page[avenir.Event]
	if err == nil {
		page, err = s.net.Feed.Page(r.Context(), actorOf(r), p)
	}
	for i, e := range page.Items {
		if !strings.HasPrefix(e.Type, "forum.") {
			page.Items[i].Actor = avenir.ID{}
		}
	}
	if page.Items == nil {
		page.Items = []avenir.Event{}
	}
	s.respond(w, r, http.StatusOK, page, err)
}
