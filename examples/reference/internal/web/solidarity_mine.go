package web

import (
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/solidarity"
)

// "My actions" (as author, every status, and as volunteer, with where the
// sign-up stands) and the validation queue of animators and moderators.

// signUpRow is an action the reader volunteered for, with their sign-up.
type signUpRow struct {
	actionView
	SignUp      solidarity.Volunteer
	SignUpLabel string
}

func (s *Server) myActions(w http.ResponseWriter, r *http.Request) {
	ctx, actor, q := r.Context(), actorOf(r), r.URL.Query()
	if actor.IsAnonymous() {
		toSignIn(w, r, "/solidarity/mine")
		return
	}
	d := s.solidarityData(r, s.localize(r, "My actions"))
	mine, err := s.solidarity.Mine(ctx, actor, avenir.PageRequest{After: q.Get("after")})
	var helping avenir.Page[solidarity.Action]
	if err == nil {
		helping, err = s.solidarity.Volunteering(ctx, actor, avenir.PageRequest{After: q.Get("vafter")})
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d["Mine"] = s.actionViews(r, mine.Items)
	d["NextMine"], d["NextHelping"] = nextURL(r, mine.Next), nextURLAt(r, "vafter", helping.Next)
	rows := []signUpRow{}
	for _, v := range s.actionViews(r, helping.Items) {
		row := signUpRow{actionView: v}
		if su, err := s.solidarity.MySignUp(ctx, actor, v.ID); err == nil {
			row.SignUp, row.SignUpLabel = su, s.localize(r, volunteerLabels[su.Status])
		}
		rows = append(rows, row)
	}
	d["Helping"] = rows
	s.render(w, r, http.StatusOK, "solidarity_mine.html", d)
}

func (s *Server) validationQueue(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/solidarity/queue")
		return
	}
	page, err := pageRequest(r)
	var queue avenir.Page[solidarity.Action]
	if err == nil {
		queue, err = s.solidarity.Queue(ctx, actor, page)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.solidarityData(r, s.localize(r, "Validation queue"))
	d["Actions"], d["Next"] = s.actionViews(r, queue.Items), nextURL(r, queue.Next)
	if n := solidarityNotices[r.URL.Query().Get("done")]; n != "" {
		d["Form"] = formState{Values: map[string]string{"notice": s.localize(r, n)}}
	}
	s.render(w, r, http.StatusOK, "solidarity_queue.html", d)
}
