package web

import (
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum/consultation"
)

// The consultations API: the same workflows as the pages. What the caller
// may not read is not_found; no route returns anyone's vote.
func (s *Server) mountConsultationsAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/consultations", s.apiConsultations)
	mux.HandleFunc("POST /api/v1/consultations", s.signedIn(s.apiCreateConsultation))
	mux.HandleFunc("GET /api/v1/consultations/{id}", s.apiConsultation)
	mux.HandleFunc("PATCH /api/v1/consultations/{id}", s.signedIn(s.apiUpdateConsultation))
	mux.HandleFunc("POST /api/v1/consultations/{id}/advance", s.signedIn(s.apiAdvance))
	mux.HandleFunc("GET /api/v1/consultations/{id}/contributions", s.apiTexts(consultation.KindContribution))
	mux.HandleFunc("POST /api/v1/consultations/{id}/contributions", s.signedIn(s.apiContribute))
	mux.HandleFunc("GET /api/v1/consultations/{id}/motions", s.apiTexts(consultation.KindMotion))
	mux.HandleFunc("POST /api/v1/consultations/{id}/motions", s.signedIn(s.apiCompose))
	mux.HandleFunc("GET /api/v1/consultations/{id}/stats", s.apiConsultationStats)
	mux.HandleFunc("GET /api/v1/consultations/{id}/supports", s.signedIn(s.apiMySupports))
	mux.HandleFunc("GET /api/v1/texts/{id}", s.apiText)
	mux.HandleFunc("PUT /api/v1/texts/{id}", s.signedIn(s.apiRevise))
	mux.HandleFunc("GET /api/v1/texts/{id}/versions", s.apiVersions)
	mux.HandleFunc("GET /api/v1/texts/{id}/authors", s.apiAuthors)
	mux.HandleFunc("POST /api/v1/texts/{id}/authors", s.signedIn(s.apiInvite))
	mux.HandleFunc("PUT /api/v1/texts/{id}/authors/me", s.signedIn(s.apiAcceptInvitation))
	mux.HandleFunc("GET /api/v1/texts/{id}/amendments", s.apiAmendments)
	mux.HandleFunc("POST /api/v1/texts/{id}/amendments", s.signedIn(s.apiAmend))
	mux.HandleFunc("POST /api/v1/texts/{id}/publish", s.signedIn(s.apiPublish))
	mux.HandleFunc("PUT /api/v1/texts/{id}/vote", s.signedIn(s.apiVote))
	mux.HandleFunc("GET /api/v1/texts/{id}/vote", s.signedIn(s.apiHasVoted))
	mux.HandleFunc("GET /api/v1/texts/{id}/result", s.apiResult)
	mux.HandleFunc("GET /api/v1/texts/{id}/ballots", s.apiReceipts)
	mux.HandleFunc("GET /api/v1/texts/{id}/markdown", s.apiMarkdown)
	mux.HandleFunc("GET /api/v1/amendments/{id}", s.apiAmendment)
	mux.HandleFunc("POST /api/v1/amendments/{id}/answer", s.signedIn(s.apiAnswerAmendment))
	mux.HandleFunc("PUT /api/v1/supports/{id}", s.signedIn(s.apiSupportItem))
	mux.HandleFunc("DELETE /api/v1/supports/{id}", s.signedIn(s.apiSupportItem))
	mux.HandleFunc("POST /api/v1/diff", s.apiDiff)
}

func (s *Server) apiConsultations(w http.ResponseWriter, r *http.Request) {
	list, err := s.consultations.List(r.Context(), actorOf(r))
	s.respond(w, r, http.StatusOK, map[string]any{"items": list}, err)
}

func (s *Server) apiCreateConsultation(w http.ResponseWriter, r *http.Request) {
	var in consultation.Input
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	c, err := s.consultations.Create(r.Context(), actorOf(r), in)
	s.respond(w, r, http.StatusCreated, c, err)
}

func (s *Server) apiConsultation(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) { return s.consultations.Get(r.Context(), actorOf(r), id) })
}

func (s *Server) apiUpdateConsultation(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in consultation.Input
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return s.consultations.Update(r.Context(), actorOf(r), id, in)
	})
}

func (s *Server) apiAdvance(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) { return s.consultations.Advance(r.Context(), actorOf(r), id) })
}

func (s *Server) apiTexts(kind consultation.Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.withID(w, r, func(id avenir.ID) (any, error) {
			list, err := s.consultations.Texts(r.Context(), actorOf(r), id, kind, consultation.Sort(r.URL.Query().Get("sort")))
			return map[string]any{"items": list}, err
		})
	}
}

func (s *Server) apiContribute(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var d consultation.Draft
		if err := decode(w, r, &d); err != nil {
			return nil, err
		}
		return s.consultations.Contribute(r.Context(), actorOf(r), id, d)
	})
}

func (s *Server) apiCompose(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var d consultation.Draft
		if err := decode(w, r, &d); err != nil {
			return nil, err
		}
		return s.consultations.Compose(r.Context(), actorOf(r), id, d)
	})
}

func (s *Server) apiConsultationStats(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) { return s.consultations.Stats(r.Context(), actorOf(r), id) })
}

func (s *Server) apiMySupports(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		list, err := s.consultations.Supported(r.Context(), actorOf(r), id)
		return map[string]any{"items": list}, err
	})
}

func (s *Server) apiText(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) { return s.consultations.Text(r.Context(), actorOf(r), id) })
}

// apiRevise writes a new version: a contribution's by its authors, a
// motion's by the drafting group.
func (s *Server) apiRevise(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var d consultation.Draft
		if err := decode(w, r, &d); err != nil {
			return nil, err
		}
		t, err := s.consultations.Text(r.Context(), actorOf(r), id)
		if err != nil {
			return nil, err
		}
		if t.Kind == consultation.KindMotion {
			return s.consultations.Redraft(r.Context(), actorOf(r), id, d)
		}
		return s.consultations.Revise(r.Context(), actorOf(r), id, d)
	})
}

func (s *Server) apiVersions(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		list, err := s.consultations.Versions(r.Context(), actorOf(r), id)
		return map[string]any{"items": list}, err
	})
}

func (s *Server) apiAuthors(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		list, err := s.consultations.Authors(r.Context(), actorOf(r), id)
		return map[string]any{"items": list}, err
	})
}

func (s *Server) apiInvite(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in struct {
			Member avenir.ID `json:"member"`
		}
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		return nil, s.consultations.Invite(r.Context(), actorOf(r), id, in.Member)
	})
}

func (s *Server) apiAcceptInvitation(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) { return nil, s.consultations.Accept(r.Context(), actorOf(r), id) })
}

func (s *Server) apiAmendments(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		list, err := s.consultations.Amendments(r.Context(), actorOf(r), id)
		return map[string]any{"items": withDiffs(list)}, err
	})
}

// amendmentView is an amendment with its diff, as the API shows it.
type amendmentView struct {
	consultation.Amendment
	Diff []consultation.Chunk `json:"diff"`
}

func withDiffs(list []consultation.Amendment) []amendmentView {
	out := make([]amendmentView, len(list))
	for i, a := range list {
		out[i] = amendmentView{a, a.Diff()}
	}
	return out
}

func (s *Server) apiAmend(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in consultation.AmendmentInput
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		a, err := s.consultations.Amend(r.Context(), actorOf(r), id, in)
		return amendmentView{a, a.Diff()}, err
	})
}

func (s *Server) apiAmendment(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		a, err := s.consultations.Amendment(r.Context(), actorOf(r), id)
		return amendmentView{a, a.Diff()}, err
	})
}

func (s *Server) apiAnswerAmendment(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in consultation.Answer
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		a, err := s.consultations.AnswerAmendment(r.Context(), actorOf(r), id, in)
		return amendmentView{a, a.Diff()}, err
	})
}

func (s *Server) apiPublish(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) { return s.consultations.Publish(r.Context(), actorOf(r), id) })
}

func (s *Server) apiVote(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		var in struct {
			Choice consultation.Choice `json:"choice"`
		}
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
		receipt, err := s.consultations.Vote(r.Context(), actorOf(r), id, in.Choice)
		return map[string]string{"receipt": receipt}, err
	})
}

// apiHasVoted tells the caller whether they voted, never what.
func (s *Server) apiHasVoted(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		voted, err := s.consultations.HasVoted(r.Context(), actorOf(r), id)
		return map[string]bool{"voted": voted}, err
	})
}

func (s *Server) apiResult(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		res, err := s.consultations.Result(r.Context(), actorOf(r), id)
		return map[string]any{"result": res, "turnout": res.Turnout(), "adopted": res.Adopted()}, err
	})
}

func (s *Server) apiReceipts(w http.ResponseWriter, r *http.Request) {
	page, err := pageRequest(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.withID(w, r, func(id avenir.ID) (any, error) {
		return s.consultations.Receipts(r.Context(), actorOf(r), id, page)
	})
}

func (s *Server) apiMarkdown(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, avenir.ErrNotFound)
		return
	}
	md, err := s.consultations.Markdown(r.Context(), actorOf(r), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(md))
}

func (s *Server) apiSupportItem(w http.ResponseWriter, r *http.Request) {
	s.withID(w, r, func(id avenir.ID) (any, error) {
		if r.Method == http.MethodDelete {
			return nil, s.consultations.Withdraw(r.Context(), actorOf(r), id)
		}
		return nil, s.consultations.Support(r.Context(), actorOf(r), id)
	})
}

// apiDiff previews an amendment: the word diff of two texts.
func (s *Server) apiDiff(w http.ResponseWriter, r *http.Request) {
	var in struct {
		From string `json:"from"`
		To   string `json:"to"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if len(in.From) > consultation.MaxSection*4 || len(in.To) > consultation.MaxSection*4 {
		s.apiFail(w, r, avenir.Errorf(avenir.CodeInvalid, "The request is too large."))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"diff": consultation.Diff(in.From, in.To)})
}
