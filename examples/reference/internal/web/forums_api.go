package web

import (
	"html/template"
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
)

// The forums API: the same as the pages, cursor-paginated (?after=,
// ?limit=). What the caller may not read is not_found.
func (s *Server) mountForumsAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/forums", s.apiForums)
	mux.HandleFunc("GET /api/v1/forums/{id}", s.apiForum)
	mux.HandleFunc("GET /api/v1/forums/{id}/threads", s.apiThreads)
	mux.HandleFunc("POST /api/v1/forums/{id}/threads", s.signedIn(s.apiStart))
	mux.HandleFunc("GET /api/v1/threads/{id}", s.apiThread)
	mux.HandleFunc("GET /api/v1/threads/{id}/posts", s.apiPosts)
	mux.HandleFunc("POST /api/v1/threads/{id}/posts", s.signedIn(s.apiReply))
	mux.HandleFunc("PUT /api/v1/threads/{id}/watch", s.signedIn(s.apiWatch))
	mux.HandleFunc("DELETE /api/v1/threads/{id}/watch", s.signedIn(s.apiWatch))
	mux.HandleFunc("PATCH /api/v1/threads/{id}", s.signedIn(s.apiThreadSettings))
	mux.HandleFunc("GET /api/v1/posts/{id}", s.apiPost)
	mux.HandleFunc("PATCH /api/v1/posts/{id}", s.signedIn(s.apiEdit))
	mux.HandleFunc("DELETE /api/v1/posts/{id}", s.signedIn(s.apiDelete))
	mux.HandleFunc("GET /api/v1/posts/{id}/revisions", s.signedIn(s.apiRevisions))
	mux.HandleFunc("PUT /api/v1/posts/{id}/support", s.signedIn(s.apiSupport))
	mux.HandleFunc("DELETE /api/v1/posts/{id}/support", s.signedIn(s.apiSupport))
	mux.HandleFunc("POST /api/v1/posts/{id}/flags", s.signedIn(s.apiFlag))
	mux.HandleFunc("POST /api/v1/posts/{id}/decisions", s.signedIn(s.apiDecide))
	mux.HandleFunc("POST /api/v1/posts/{id}/approve", s.signedIn(s.apiApprove))
	mux.HandleFunc("GET /api/v1/members/{id}/posts", s.apiMemberPosts)
	mux.HandleFunc("POST /api/v1/preview", s.apiPreview)
	mux.HandleFunc("GET /api/v1/search", s.apiSearch)
	mux.HandleFunc("GET /api/v1/moderation/queue", s.signedIn(s.apiQueue))
	mux.HandleFunc("GET /api/v1/moderation/appeals", s.signedIn(s.apiAppeals))
	mux.HandleFunc("GET /api/v1/moderation/log", s.apiLog)
	mux.HandleFunc("GET /api/v1/me/decisions", s.signedIn(s.apiMyDecisions))
	mux.HandleFunc("GET /api/v1/decisions/{id}", s.signedIn(s.apiDecision))
	mux.HandleFunc("POST /api/v1/decisions/{id}/appeal", s.signedIn(s.apiAppeal))
	mux.HandleFunc("POST /api/v1/decisions/{id}/answer", s.signedIn(s.apiAnswer))
}

// withID runs fn with the {id} of the path; a malformed one is not_found,
// as an unknown one is.
func (s *Server) withID(w http.ResponseWriter, r *http.Request, fn func(avenir.ID) (any, error)) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, avenir.ErrNotFound)
		return
	}
	v, err := fn(id)
	status := http.StatusOK
	if r.Method == http.MethodPost {
		status = http.StatusCreated
	}
	if v == nil && err == nil {
		status = http.StatusNoContent
	}
	s.respond(w, r, status, v, err)
}

// withPage runs fn with the page of the query.
func (s *Server) withPage(w http.ResponseWriter, r *http.Request, fn func(avenir.PageRequest) (any, error)) {
	page, err := pageRequest(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	v, err := fn(page)
	s.respond(w, r, http.StatusOK, v, err)
}

// queryID reads an optional identifier from the query.
func queryID(r *http.Request, name string) (avenir.ID, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return avenir.ID{}, nil
	}
	id, err := avenir.ParseID(v)
	if err != nil {
		return avenir.ID{}, avenir.ErrNotFound
	}
	return id, nil
}

func (s *Server) apiForums(w http.ResponseWriter, r *http.Request) {
	list, err := s.forums.Forums(r.Context(), actorOf(r))
	s.respond(w, r, http.StatusOK, map[string]any{"items": list}, err)
}

func (s *Server) apiForum(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) { return s.forums.Forum(r.Context(), actorOf(r), id) })
}

func (s *Server) apiThreads(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		page, err := pageRequest(r)
		if err != nil {
			return nil, err
		}
		return s.forums.Threads(r.Context(), actorOf(r), id, page)
	})
}

type startRequest struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

func (s *Server) apiStart(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in startRequest
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		th, p, err := s.forums.Start(r.Context(), actorOf(r), id, forum.Draft{Title: in.Title, Body: in.Body})
		return map[string]any{"thread": th, "post": p}, err
	})
}

func (s *Server) apiThread(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) { return s.forums.Thread(r.Context(), actorOf(r), id) })
}

func (s *Server) apiPosts(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		page, err := pageRequest(r)
		if err != nil {
			return nil, err
		}
		return s.forums.Posts(r.Context(), actorOf(r), id, page)
	})
}

func (s *Server) apiReply(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in forum.Draft
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return s.forums.Reply(r.Context(), actorOf(r), id, in)
	})
}

func (s *Server) apiWatch(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		if r.Method == http.MethodDelete {
			return nil, s.forums.Unwatch(r.Context(), actorOf(r), id)
		}
		return nil, s.forums.Watch(r.Context(), actorOf(r), id)
	})
}

type threadSettings struct {
	Pinned *bool `json:"pinned,omitempty"`
	Locked *bool `json:"locked,omitempty"`
}

func (s *Server) apiThreadSettings(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in threadSettings
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		ctx, actor := r.Context(), actorOf(r)
		if in.Pinned != nil {
			if _, err := s.forums.Pin(ctx, actor, id, *in.Pinned); err != nil {
				return nil, err
			}
		}
		if in.Locked != nil {
			if _, err := s.forums.Lock(ctx, actor, id, *in.Locked); err != nil {
				return nil, err
			}
		}
		return s.forums.Thread(ctx, actor, id)
	})
}

func (s *Server) apiPost(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) { return s.forums.Post(r.Context(), actorOf(r), id) })
}

func (s *Server) apiEdit(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in forum.Draft
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return s.forums.Edit(r.Context(), actorOf(r), id, in)
	})
}

func (s *Server) apiDelete(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) { return nil, s.forums.Delete(r.Context(), actorOf(r), id) })
}

func (s *Server) apiRevisions(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		revs, err := s.forums.Revisions(r.Context(), actorOf(r), id)
		return map[string]any{"items": revs}, err
	})
}

func (s *Server) apiSupport(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		if r.Method == http.MethodDelete {
			return s.forums.Unsupport(r.Context(), actorOf(r), id)
		}
		return s.forums.Support(r.Context(), actorOf(r), id)
	})
}

func (s *Server) apiFlag(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in forum.FlagInput
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		if err := s.forums.Flag(r.Context(), actorOf(r), id, in); err != nil {
			return nil, err
		}
		return map[string]string{"status": "flagged"}, nil
	})
}

func (s *Server) apiDecide(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in forum.DecisionInput
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return s.forums.Decide(r.Context(), actorOf(r), id, in)
	})
}

func (s *Server) apiApprove(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) { return s.forums.Approve(r.Context(), actorOf(r), id) })
}

func (s *Server) apiMemberPosts(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		page, err := pageRequest(r)
		if err != nil {
			return nil, err
		}
		return s.forums.MemberPosts(r.Context(), actorOf(r), id, page)
	})
}

// apiPreview renders a draft's Markdown as it would be published.
func (s *Server) apiPreview(w http.ResponseWriter, r *http.Request) {
	var in forum.Draft
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]template.HTML{"html": forum.Preview(in.Body)})
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	s.withPage(w, r, func(page avenir.PageRequest) (any, error) {
		f, err := queryID(r, "forum")
		if err != nil {
			return nil, err
		}
		return s.forums.Search(r.Context(), actorOf(r), forum.SearchQuery{Text: r.URL.Query().Get("q"), Forum: f}, page)
	})
}

func (s *Server) apiQueue(w http.ResponseWriter, r *http.Request) {
	s.withPage(w, r, func(page avenir.PageRequest) (any, error) {
		f, err := queryID(r, "forum")
		if err != nil {
			return nil, err
		}
		return s.forums.Queue(r.Context(), actorOf(r), forum.QueueFilter{Forum: f}, page)
	})
}

func (s *Server) apiAppeals(w http.ResponseWriter, r *http.Request) {
	s.withPage(w, r, func(page avenir.PageRequest) (any, error) {
		f, err := queryID(r, "forum")
		if err != nil {
			return nil, err
		}
		return s.forums.Appeals(r.Context(), actorOf(r), forum.QueueFilter{Forum: f}, page)
	})
}

func (s *Server) apiLog(w http.ResponseWriter, r *http.Request) {
	s.withPage(w, r, func(page avenir.PageRequest) (any, error) {
		f, err := queryID(r, "forum")
		if err != nil {
			return nil, err
		}
		return s.forums.Log(r.Context(), actorOf(r), forum.LogFilter{Forum: f}, page)
	})
}

func (s *Server) apiMyDecisions(w http.ResponseWriter, r *http.Request) {
	s.withPage(w, r, func(page avenir.PageRequest) (any, error) { return s.forums.Decisions(r.Context(), actorOf(r), page) })
}

func (s *Server) apiDecision(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) { return s.forums.Decision(r.Context(), actorOf(r), id) })
}

type appealRequest struct {
	Text string `json:"text"`
}

func (s *Server) apiAppeal(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in appealRequest
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return s.forums.Appeal(r.Context(), actorOf(r), id, in.Text)
	})
}

func (s *Server) apiAnswer(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in forum.AppealAnswer
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return s.forums.DecideAppeal(r.Context(), actorOf(r), id, in)
	})
}
