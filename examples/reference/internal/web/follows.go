package web

import (
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// Follows and blocks: a member's page (their name, numbers of followers and
// followed, follow, block, write to them), their followers and the members
// they follow, the blocks list, and the follow buttons of forums, threads
// and solidarity actions (committees have their own). Only members in good
// standing use them (network.Follows decides): a member blocked either way
// is not_found, and following what one may not read is not_found too.
func (s *Server) mountFollows(mux *http.ServeMux) {
	mux.HandleFunc("GET /members/{id}", s.memberPage)
	mux.HandleFunc("GET /members/{id}/followers", s.followList(true))
	mux.HandleFunc("GET /members/{id}/following", s.followList(false))
	mux.HandleFunc("POST /members/{id}/block", s.postBlock(true))
	mux.HandleFunc("POST /members/{id}/unblock", s.postBlock(false))
	mux.HandleFunc("GET /me/blocks", s.blocksPage)
	mux.HandleFunc("POST /follow", s.postFollowTarget)
}

// followNotices are the notices shown after a follow or block form.
var followNotices = map[string]string{
	"followed":   "You follow it now: it comes to your feed.",
	"unfollowed": "You no longer follow it.",
	"blocked":    "The member is blocked: neither of you sees the other any more. They are not told.",
	"unblocked":  "The member is no longer blocked.",
}

// followButton is a follow button as a page shows it, its label
// translated.
type followButton struct {
	Kind      network.FollowKind
	ID        avenir.ID
	Following bool
	Label     string
	Back      string
	Notice    string
}

// followButton returns the follow button of t for the reader, or nil when
// they may not follow (a visitor, a supporter, a lapsed member).
func (s *Server) followButton(r *http.Request, t network.Target) *followButton {
	actor := actorOf(r)
	if !actor.InGoodStanding() || t.Kind == network.FollowMember && t.ID == actor.ID {
		return nil
	}
	on, err := s.net.Follows.IsFollowing(r.Context(), actor, t)
	if err != nil {
		s.logError(r, err)
		return nil
	}
	b := &followButton{Kind: t.Kind, ID: t.ID, Following: on, Back: r.URL.Path}
	b.Label = s.localize(r, "Follow")
	if on {
		b.Label = s.localize(r, "Stop following")
	}
	if n := followNotices[r.URL.Query().Get("followed")]; n != "" {
		b.Notice = s.localize(r, n)
	}
	return b
}

// postFollowTarget follows or stops following (follow=0) the kind and id of the
// form, then goes back to the page it came from.
func (s *Server) postFollowTarget(w http.ResponseWriter, r *http.Request) {
	actor := actorOf(r)
	back := "/feed"
	if err := readForm(w, r); err == nil {
		back = localPath(r.PostForm.Get("back"), back)
	}
	if actor.IsAnonymous() {
		toSignIn(w, r, back)
		return
	}
	id, err := avenir.ParseID(r.PostForm.Get("id"))
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	t, done := network.Target{Kind: network.FollowKind(r.PostForm.Get("kind")), ID: id}, "followed"
	if r.PostForm.Get("follow") == "0" {
		err, done = s.net.Follows.Unfollow(r.Context(), actor, t), "unfollowed"
	} else {
		err = s.net.Follows.Follow(r.Context(), actor, t)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, back+"?followed="+done, http.StatusSeeOther)
}

// memberPage is a member as another member sees them: their name, their
// numbers of followers and followed, and what one may do with them.
func (s *Server) memberPage(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), actorOf(r)
	id, ok := s.signedInID(w, r, "/members/")
	if !ok {
		return
	}
	counts, err := s.net.Follows.Counts(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	m, err := s.members.Member(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := map[string]any{"Title": m.DisplayName, "Name": m.DisplayName, "ID": id, "Counts": counts, "Self": id == actor.ID,
		"Follow": s.followButton(r, network.Target{Kind: network.FollowMember, ID: id})}
	if n := followNotices[r.URL.Query().Get("done")]; n != "" {
		d["Notice"] = s.localize(r, n)
	}
	s.render(w, r, http.StatusOK, "member.html", d)
}

// followList lists a member's followers (followers true) or the members
// they follow.
func (s *Server) followList(followers bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, actor := r.Context(), actorOf(r)
		id, ok := s.signedInID(w, r, "/members/")
		if !ok {
			return
		}
		list, title := s.net.Follows.Following, "Following"
		if followers {
			list, title = s.net.Follows.Followers, "Followers"
		}
		p, err := pageRequest(r)
		var page avenir.Page[network.FollowEntry]
		if err == nil {
			page, err = list(ctx, actor, id, p)
		}
		name := ""
		if err == nil {
			name, err = s.memberName(r, id)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "follows.html", map[string]any{
			"Title": s.localize(r, title) + " · " + name, "Heading": s.localize(r, title), "Name": name, "ID": id,
			"Followers": followers, "Entries": page.Items, "Next": nextURL(r, page.Next),
		})
	}
}

// memberName returns the display name of a member the reader may see.
func (s *Server) memberName(r *http.Request, id avenir.ID) (string, error) {
	m, err := s.members.Member(r.Context(), actorOf(r), id)
	return m.DisplayName, err
}

// postBlock blocks (on) or unblocks a member.
func (s *Server) postBlock(on bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		actor := actorOf(r)
		id, ok := s.signedInID(w, r, "/members/")
		if !ok {
			return
		}
		err := readForm(w, r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if on {
			err = s.net.Follows.Block(r.Context(), actor, id)
		} else {
			err = s.net.Follows.Unblock(r.Context(), actor, id)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if on {
			http.Redirect(w, r, "/me/blocks?done=blocked", http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, localPath(r.PostForm.Get("back"), "/me/blocks")+"?done=unblocked", http.StatusSeeOther)
	}
}

// blockRow is a blocked member with their name.
type blockRow struct {
	network.Block
	Name string
}

func (s *Server) blocksPage(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/me/blocks")
		return
	}
	blocks, err := s.net.Follows.Blocks(ctx, actor)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rows := make([]blockRow, len(blocks))
	for i, b := range blocks {
		rows[i] = blockRow{Block: b}
		if m, err := s.members.Member(ctx, actor, b.Member); err == nil {
			rows[i].Name = m.DisplayName
		}
	}
	d := map[string]any{"Title": s.localize(r, "Blocked members"), "Blocks": rows}
	if n := followNotices[r.URL.Query().Get("done")]; n != "" {
		d["Notice"] = s.localize(r, n)
	}
	s.render(w, r, http.StatusOK, "blocks.html", d)
}
