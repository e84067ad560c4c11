package web

import (
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// The follows API: following a member, committee, forum, thread or
// solidarity action (PUT, DELETE, and GET for whether one does) at
// /api/v1/follows/{kind}/{id}; what the reader follows of a kind (member,
// forum, action) at /api/v1/follows/{kind}; a member's followers, the
// members they follow (keyset pages) and both numbers; the reader's blocks,
// and blocking (PUT) or unblocking (DELETE) /api/v1/blocks/{id}.
func (s *Server) mountFollowsAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/follows/{kind}", s.signedIn(s.apiFollowed))
	mux.HandleFunc("GET /api/v1/follows/{kind}/{id}", s.signedIn(s.byTarget(s.apiIsFollowing)))
	mux.HandleFunc("PUT /api/v1/follows/{kind}/{id}", s.signedIn(s.byTarget(s.apiFollowTarget)))
	mux.HandleFunc("DELETE /api/v1/follows/{kind}/{id}", s.signedIn(s.byTarget(s.apiUnfollowTarget)))
	mux.HandleFunc("GET /api/v1/members/{id}/followers", s.signedIn(s.byID(s.apiFollowList(true))))
	mux.HandleFunc("GET /api/v1/members/{id}/following", s.signedIn(s.byID(s.apiFollowList(false))))
	mux.HandleFunc("GET /api/v1/members/{id}/follow-counts", s.signedIn(s.byID(s.apiFollowCounts)))
	mux.HandleFunc("GET /api/v1/blocks", s.signedIn(s.apiBlocks))
	mux.HandleFunc("PUT /api/v1/blocks/{id}", s.signedIn(s.byID(s.apiBlock(true))))
	mux.HandleFunc("DELETE /api/v1/blocks/{id}", s.signedIn(s.byID(s.apiBlock(false))))
}

// byTarget gives h the {kind} and {id} of the path; a malformed ID is not
// found (an unknown kind is the service's invalid).
func (s *Server) byTarget(h func(w http.ResponseWriter, r *http.Request, t network.Target)) http.HandlerFunc {
	return s.byID(func(w http.ResponseWriter, r *http.Request, id avenir.ID) {
		h(w, r, network.Target{Kind: network.FollowKind(r.PathValue("kind")), ID: id})
	})
}

func (s *Server) apiFollowed(w http.ResponseWriter, r *http.Request) {
	list, err := s.net.Follows.Followed(r.Context(), actorOf(r), network.FollowKind(r.PathValue("kind")))
	if list == nil {
		list = []network.Target{}
	}
	s.respond(w, r, http.StatusOK, map[string]any{"items": list}, err)
}

func (s *Server) apiIsFollowing(w http.ResponseWriter, r *http.Request, t network.Target) {
	on, err := s.net.Follows.IsFollowing(r.Context(), actorOf(r), t)
	s.respond(w, r, http.StatusOK, map[string]bool{"following": on}, err)
}

func (s *Server) apiFollowTarget(w http.ResponseWriter, r *http.Request, t network.Target) {
	s.respond(w, r, http.StatusNoContent, nil, s.net.Follows.Follow(r.Context(), actorOf(r), t))
}

func (s *Server) apiUnfollowTarget(w http.ResponseWriter, r *http.Request, t network.Target) {
	s.respond(w, r, http.StatusNoContent, nil, s.net.Follows.Unfollow(r.Context(), actorOf(r), t))
}

func (s *Server) apiFollowList(followers bool) func(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	return func(w http.ResponseWriter, r *http.Request, id avenir.ID) {
		list := s.net.Follows.Following
		if followers {
			list = s.net.Follows.Followers
		}
		p, err := pageRequest(r)
		var page avenir.Page[network.FollowEntry]
		if err == nil {
			page, err = list(r.Context(), actorOf(r), id, p)
		}
		if page.Items == nil {
			page.Items = []network.FollowEntry{}
		}
		s.respond(w, r, http.StatusOK, page, err)
	}
}

func (s *Server) apiFollowCounts(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	c, err := s.net.Follows.Counts(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, c, err)
}

func (s *Server) apiBlocks(w http.ResponseWriter, r *http.Request) {
	list, err := s.net.Follows.Blocks(r.Context(), actorOf(r))
	if list == nil {
		list = []network.Block{}
	}
	s.respond(w, r, http.StatusOK, map[string]any{"items": list}, err)
}

func (s *Server) apiBlock(on bool) func(w http.ResponseWriter, r *http.Request, id avenir.ID) {
	return func(w http.ResponseWriter, r *http.Request, id avenir.ID) {
		block := s.net.Follows.Unblock
		if on {
			block = s.net.Follows.Block
		}
		s.respond(w, r, http.StatusNoContent, nil, block(r.Context(), actorOf(r), id))
	}
}
