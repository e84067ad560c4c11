package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum/consultation"
)

// The consultation pages: the list, a consultation with its phase, its
// timeline, its contributions (sortable by supports), its motions and
// statistics; a text's page with its sections, their provenance, its
// versions, its amendments (each with its diff), the amendment form with
// a diff preview, supports, the discussion link, and, for a motion, the
// vote and its results; the drafting group's editor. What a reader may not
// read is the 404 page.
func (s *Server) mountConsultations(mux *http.ServeMux) {
	mux.HandleFunc("GET /consultations", s.consultationsIndex)
	mux.HandleFunc("GET /consultations/{id}", s.consultationPage)
	mux.HandleFunc("POST /consultations/{id}/advance", s.postAdvance)
	mux.HandleFunc("POST /consultations/{id}/contributions", s.postContribution)
	mux.HandleFunc("GET /consultations/{id}/motions/editor", s.motionEditor)
	mux.HandleFunc("POST /consultations/{id}/motions/editor", s.postMotion)
	mux.HandleFunc("GET /consultations/texts/{id}", s.textPage)
	mux.HandleFunc("POST /consultations/texts/{id}/amendments", s.postAmendment)
	mux.HandleFunc("POST /consultations/texts/{id}/accept", s.postAcceptInvitation)
	mux.HandleFunc("POST /consultations/texts/{id}/publish", s.postPublish)
	mux.HandleFunc("POST /consultations/texts/{id}/vote", s.postVote)
	mux.HandleFunc("POST /consultations/amendments/{id}/answer", s.postAnswerAmendment)
	mux.HandleFunc("POST /consultations/items/{id}/support", s.postSupportItem)
}

// phaseLabels name the phases for people (English keys, translated).
var phaseLabels = map[consultation.Phase]string{
	consultation.PhaseUpcoming:      "Upcoming",
	consultation.PhaseContributions: "Contributions",
	consultation.PhaseAmendments:    "Amendments",
	consultation.PhaseSupports:      "Supports",
	consultation.PhaseSynthesis:     "Synthesis",
	consultation.PhaseVote:          "Voting",
	consultation.PhaseClosed:        "Closed",
}

var amendmentStateLabels = map[consultation.AmendmentState]string{
	consultation.AmendmentProposed: "proposed",
	consultation.AmendmentAccepted: "accepted",
	consultation.AmendmentRejected: "rejected",
	consultation.AmendmentMerged:   "merged by hand",
}

// step is one phase of a consultation's timeline.
type step struct {
	Label   string
	Opens   any // the date, or nil when a decision opens it
	Current bool
	Done    bool
}

func (s *Server) timeline(r *http.Request, c consultation.Consultation) []step {
	dates := []any{c.Schedule.Contributions, c.Schedule.Amendments, c.Schedule.Supports, c.Schedule.Synthesis, c.Schedule.Vote, c.Schedule.Closed}
	var out []step
	for i, p := range consultation.Phases[1:] {
		st := step{Label: s.localize(r, phaseLabels[p]), Current: p == c.Phase, Done: c.Phase.After(p)}
		if d := dates[i]; !isZeroTime(d) {
			st.Opens = d
		}
		out = append(out, st)
	}
	return out
}

func isZeroTime(v any) bool {
	t, ok := v.(interface{ IsZero() bool })
	return !ok || t.IsZero()
}

func (s *Server) consultationData(r *http.Request, title string) map[string]any {
	return map[string]any{"Title": title, "Form": formState{}}
}

func (s *Server) consultationsIndex(w http.ResponseWriter, r *http.Request) {
	list, err := s.consultations.List(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.consultationData(r, s.localize(r, "Consultations"))
	d["Consultations"], d["Phases"] = list, phaseLabels
	s.render(w, r, http.StatusOK, "consultations.html", d)
}

func (s *Server) consultationPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	s.showConsultation(w, r, id, http.StatusOK, formState{})
}

func (s *Server) showConsultation(w http.ResponseWriter, r *http.Request, id avenir.ID, status int, form formState) {
	ctx, actor := r.Context(), actorOf(r)
	c, err := s.consultations.Get(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	sort := consultation.SortNewest
	if r.URL.Query().Get("sort") == string(consultation.SortSupports) {
		sort = consultation.SortSupports
	}
	d := s.consultationData(r, c.Title)
	d["Consultation"], d["Form"], d["Sort"] = c, form, string(sort)
	d["Phase"] = s.localize(r, phaseLabels[c.Phase])
	d["Timeline"] = s.timeline(r, c)
	d["CanDraft"] = consultation.CanDraft(actor, c)
	d["CanContribute"] = consultation.CanTakePart(actor, c) && consultation.Allowed(c.Phase, consultation.ActContribute)
	d["CanSupport"] = consultation.CanTakePart(actor, c) && consultation.Allowed(c.Phase, consultation.ActSupport)
	d["Composing"] = consultation.Allowed(c.Phase, consultation.ActCompose)
	if d["Contributions"], err = s.consultations.Texts(ctx, actor, c.ID, consultation.KindContribution, sort); err == nil {
		if d["Motions"], err = s.consultations.Texts(ctx, actor, c.ID, consultation.KindMotion, consultation.SortNewest); err == nil {
			d["Stats"], err = s.consultations.Stats(ctx, actor, c.ID)
		}
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d["Supported"] = s.supportedBy(ctx, actor, c)
	s.render(w, r, status, "consultation.html", d)
}

// supportedBy is the set of items the actor supports in c.
func (s *Server) supportedBy(ctx context.Context, actor avenir.Actor, c consultation.Consultation) map[avenir.ID]bool {
	out := map[avenir.ID]bool{}
	if actor.IsAnonymous() {
		return out
	}
	ids, _ := s.consultations.Supported(ctx, actor, c.ID)
	for _, id := range ids {
		out[id] = true
	}
	return out
}

func (s *Server) postAdvance(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	if _, err := s.consultations.Advance(r.Context(), actorOf(r), id); err != nil {
		s.showConsultation(w, r, id, httpStatus(err), s.refused(r, "advance", err, nil))
		return
	}
	http.Redirect(w, r, "/consultations/"+id.String(), http.StatusSeeOther)
}

// parseSections reads the sections of a text typed in one box: a line
// "## Heading" starts a section, and in a motion a line "Sources: ID ID …"
// cites the contributions and amendments a section draws from. Text
// before any heading is a section with no heading.
func (s *Server) parseSections(ctx context.Context, actor avenir.Actor, src string) []consultation.SectionInput {
	var out []consultation.SectionInput
	var cur *consultation.SectionInput
	var body []string
	flush := func() {
		if cur != nil {
			cur.Body = strings.TrimSpace(strings.Join(body, "\n"))
			if cur.Body != "" || cur.Heading != "" {
				out = append(out, *cur)
			}
		}
		body = nil
	}
	for _, line := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			flush()
			cur = &consultation.SectionInput{Heading: strings.TrimSpace(h)}
			continue
		}
		if cur == nil {
			cur = &consultation.SectionInput{}
		}
		if list, ok := cutSources(line); ok {
			for _, f := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
				cur.Sources = append(cur.Sources, s.source(ctx, actor, f))
			}
			continue
		}
		body = append(body, line)
	}
	flush()
	return out
}

func cutSources(line string) (string, bool) {
	l := strings.TrimSpace(line)
	for _, p := range []string{"Sources:", "Sources :", "sources:"} {
		if rest, ok := strings.CutPrefix(l, p); ok {
			return rest, true
		}
	}
	return "", false
}

// source tells a contribution from an amendment by its ID; an unknown ID
// is kept as a contribution, which the service then refuses.
func (s *Server) source(ctx context.Context, actor avenir.Actor, ref string) consultation.Source {
	id, err := avenir.ParseID(strings.TrimSpace(ref))
	if err != nil {
		return consultation.Source{Kind: consultation.SourceContribution}
	}
	if _, err := s.consultations.Amendment(ctx, actor, id); err == nil {
		return consultation.Source{Kind: consultation.SourceAmendment, ID: id}
	}
	return consultation.Source{Kind: consultation.SourceContribution, ID: id}
}

// formatSections writes sections back in the format parseSections reads.
func formatSections(secs []consultation.Section) string {
	var b strings.Builder
	for i, sec := range secs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		heading := sec.Heading
		if heading == "" {
			heading = fmt.Sprintf("§%d", i+1)
		}
		fmt.Fprintf(&b, "## %s\n", heading)
		if len(sec.Sources) > 0 {
			ids := make([]string, len(sec.Sources))
			for j, src := range sec.Sources {
				ids[j] = src.ID.String()
			}
			fmt.Fprintf(&b, "Sources: %s\n", strings.Join(ids, " "))
		}
		b.WriteString(sec.Body)
	}
	return b.String()
}

func (s *Server) postContribution(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	var t consultation.Text
	if err = readForm(w, r); err == nil {
		t, err = s.consultations.Contribute(r.Context(), actorOf(r), id, consultation.Draft{
			Title: r.PostForm.Get("title"), Summary: r.PostForm.Get("summary"),
			Sections: s.parseSections(r.Context(), actorOf(r), r.PostForm.Get("sections"))})
	}
	if err != nil {
		s.showConsultation(w, r, id, httpStatus(err), s.refused(r, "contribute", err, postedValues(r, "title", "summary", "sections")))
		return
	}
	http.Redirect(w, r, "/consultations/texts/"+t.ID.String(), http.StatusSeeOther)
}

func postedValues(r *http.Request, names ...string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		out[n] = r.PostForm.Get(n)
	}
	return out
}

// motionEditor is the drafting group's editor: a new motion, or the next
// version of one (?motion=), with the contributions and amendments to cite.
func (s *Server) motionEditor(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	values := map[string]string{}
	if mid, err := queryID(r, "motion"); err == nil && !mid.IsZero() {
		m, err := s.consultations.Text(r.Context(), actorOf(r), mid)
		if err != nil || m.Consultation != id || m.Kind != consultation.KindMotion {
			s.pageError(w, r, avenir.ErrNotFound)
			return
		}
		values = map[string]string{"motion": m.ID.String(), "title": m.Title, "summary": m.Summary, "sections": formatSections(m.Sections)}
	}
	s.showEditor(w, r, id, http.StatusOK, formState{Values: values})
}

func (s *Server) showEditor(w http.ResponseWriter, r *http.Request, id avenir.ID, status int, form formState) {
	ctx, actor := r.Context(), actorOf(r)
	c, err := s.consultations.Get(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !consultation.CanDraft(actor, c) {
		s.pageError(w, r, avenir.ErrForbidden)
		return
	}
	contributions, err := s.consultations.Texts(ctx, actor, c.ID, consultation.KindContribution, consultation.SortSupports)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	type cited struct {
		consultation.Text
		Amendments []consultation.Amendment
	}
	var list []cited
	for _, t := range contributions {
		as, err := s.consultations.Amendments(ctx, actor, t.ID)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		as = slices.DeleteFunc(as, func(a consultation.Amendment) bool { return a.State == consultation.AmendmentRejected })
		list = append(list, cited{t, as})
	}
	d := s.consultationData(r, s.localize(r, "Write the motion"))
	d["Consultation"], d["Form"], d["Sources"] = c, form, list
	s.render(w, r, status, "consultation_editor.html", d)
}

func (s *Server) postMotion(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	ctx, actor := r.Context(), actorOf(r)
	var m consultation.Text
	if err = readForm(w, r); err == nil {
		d := consultation.Draft{Title: r.PostForm.Get("title"), Summary: r.PostForm.Get("summary"), Note: r.PostForm.Get("note"),
			Sections: s.parseSections(ctx, actor, r.PostForm.Get("sections"))}
		if mid, perr := avenir.ParseID(r.PostForm.Get("motion")); perr == nil {
			// Sections keep their identity by position across versions.
			if cur, gerr := s.consultations.Text(ctx, actor, mid); gerr == nil {
				for i := range d.Sections {
					if i < len(cur.Sections) {
						d.Sections[i].ID = cur.Sections[i].ID
					}
				}
			}
			m, err = s.consultations.Redraft(ctx, actor, mid, d)
		} else {
			m, err = s.consultations.Compose(ctx, actor, id, d)
		}
	}
	if err != nil {
		s.showEditor(w, r, id, httpStatus(err), s.refused(r, "motion", err, postedValues(r, "motion", "title", "summary", "sections", "note")))
		return
	}
	http.Redirect(w, r, "/consultations/texts/"+m.ID.String(), http.StatusSeeOther)
}

func (s *Server) textPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	form := formState{}
	if rc := r.URL.Query().Get("receipt"); rc != "" && len(rc) <= 40 {
		form.Values = map[string]string{"receipt": rc}
	}
	s.showText(w, r, id, http.StatusOK, form, nil)
}

func (s *Server) showText(w http.ResponseWriter, r *http.Request, id avenir.ID, status int, form formState, preview []consultation.Chunk) {
	ctx, actor := r.Context(), actorOf(r)
	t, err := s.consultations.Text(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := s.consultations.Get(ctx, actor, t.Consultation)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.consultationData(r, t.Title)
	d["Consultation"], d["Text"], d["Form"], d["Preview"] = c, t, form, preview
	d["Phase"] = s.localize(r, phaseLabels[c.Phase])
	d["States"] = amendmentStateLabels
	d["IsMotion"] = t.Kind == consultation.KindMotion
	d["CanDraft"] = consultation.CanDraft(actor, c)
	part := consultation.CanTakePart(actor, c)
	amendAct := consultation.ActAmendText
	if t.Kind == consultation.KindMotion {
		amendAct = consultation.ActAmendMotion
	}
	d["CanAmend"] = part && consultation.Allowed(c.Phase, amendAct) && t.Published == 0
	d["CanSupport"] = part && consultation.Allowed(c.Phase, consultation.ActSupport)
	d["CanAnswer"] = consultation.Allowed(c.Phase, consultation.ActAnswerAmendment)
	d["CanVote"] = part && c.Phase == consultation.PhaseVote && t.Published > 0
	d["Supported"] = s.supportedBy(ctx, actor, c)
	authors, err := s.consultations.Authors(ctx, actor, t.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d["Authors"] = authors
	d["IsAuthor"] = slices.ContainsFunc(authors, func(a consultation.Author) bool { return a.Member == actor.ID && a.Accepted })
	d["Invited"] = slices.ContainsFunc(authors, func(a consultation.Author) bool { return a.Member == actor.ID && !a.Accepted })
	as, err := s.consultations.Amendments(ctx, actor, t.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d["Amendments"] = withDiffs(as)
	sections := map[avenir.ID]string{}
	for i, sec := range t.Sections {
		sections[sec.ID] = fmt.Sprintf("§%d %s", i+1, sec.Heading)
	}
	d["SectionNames"] = sections
	if d["Versions"], err = s.consultations.Versions(ctx, actor, t.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	if t.Kind == consultation.KindMotion && c.Phase == consultation.PhaseVote && part {
		d["Voted"], _ = s.consultations.HasVoted(ctx, actor, t.ID)
	}
	if t.Kind == consultation.KindMotion && t.Published > 0 && c.Phase == consultation.PhaseClosed {
		res, err := s.consultations.Result(ctx, actor, t.ID)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		d["Result"], d["Turnout"] = res, fmt.Sprintf("%.1f %%", 100*res.Turnout())
		// The ballots by receipt, the largest page at a time; ?ballots= is
		// the next page's cursor.
		ballots, err := s.consultations.Receipts(ctx, actor, t.ID, avenir.PageRequest{After: r.URL.Query().Get("ballots"), Limit: avenir.MaxPageSize})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		d["Receipts"], d["ReceiptsNext"] = ballots.Items, ballots.Next
	}
	s.render(w, r, status, "consultation_text.html", d)
}

func (s *Server) postAmendment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	if err := readForm(w, r); err != nil {
		s.showText(w, r, id, httpStatus(err), s.refused(r, "amend", err, nil), nil)
		return
	}
	ctx, actor := r.Context(), actorOf(r)
	values := postedValues(r, "section", "proposed", "reason")
	section, _ := avenir.ParseID(values["section"])
	in := consultation.AmendmentInput{Section: section, Proposed: values["proposed"], Reason: values["reason"]}
	if r.PostForm.Get("preview") != "" {
		t, err := s.consultations.Text(ctx, actor, id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		var from string
		for _, sec := range t.Sections {
			if sec.ID == section {
				from = sec.Body
			}
		}
		s.showText(w, r, id, http.StatusOK, formState{Values: values}, consultation.Diff(from, in.Proposed))
		return
	}
	if _, err := s.consultations.Amend(ctx, actor, id, in); err != nil {
		s.showText(w, r, id, httpStatus(err), s.refused(r, "amend", err, values), nil)
		return
	}
	http.Redirect(w, r, "/consultations/texts/"+id.String()+"#amendments", http.StatusSeeOther)
}

// textAction runs fn on the text of the path and goes back to its page.
func (s *Server) textAction(w http.ResponseWriter, r *http.Request, form string, fn func(id avenir.ID) (string, error)) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	to := ""
	if err = readForm(w, r); err == nil {
		to, err = fn(id)
	}
	if err != nil {
		s.showText(w, r, id, httpStatus(err), s.refused(r, form, err, nil), nil)
		return
	}
	http.Redirect(w, r, "/consultations/texts/"+id.String()+to, http.StatusSeeOther)
}

func (s *Server) postAcceptInvitation(w http.ResponseWriter, r *http.Request) {
	s.textAction(w, r, "authors", func(id avenir.ID) (string, error) {
		return "", s.consultations.Accept(r.Context(), actorOf(r), id)
	})
}

func (s *Server) postPublish(w http.ResponseWriter, r *http.Request) {
	s.textAction(w, r, "publish", func(id avenir.ID) (string, error) {
		_, err := s.consultations.Publish(r.Context(), actorOf(r), id)
		return "", err
	})
}

func (s *Server) postVote(w http.ResponseWriter, r *http.Request) {
	s.textAction(w, r, "vote", func(id avenir.ID) (string, error) {
		receipt, err := s.consultations.Vote(r.Context(), actorOf(r), id, consultation.Choice(r.PostForm.Get("choice")))
		return "?receipt=" + receipt + "#vote", err
	})
}

func (s *Server) postAnswerAmendment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	ctx, actor := r.Context(), actorOf(r)
	a, err := s.consultations.Amendment(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if err = readForm(w, r); err == nil {
		_, err = s.consultations.AnswerAmendment(ctx, actor, id, consultation.Answer{
			State: consultation.AmendmentState(r.PostForm.Get("state")), Reason: r.PostForm.Get("reason")})
	}
	if err != nil {
		s.showText(w, r, a.Text, httpStatus(err), s.refused(r, "answer-"+id.String(), err, nil), nil)
		return
	}
	http.Redirect(w, r, "/consultations/texts/"+a.Text.String()+"#amendments", http.StatusSeeOther)
}

// postSupportItem supports (or, with support=0, withdraws the support of) a
// contribution or an amendment, then goes back to the page it came from
// (back: a path of this site).
func (s *Server) postSupportItem(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	if err = readForm(w, r); err == nil {
		if r.PostForm.Get("support") == "0" {
			err = s.consultations.Withdraw(r.Context(), actorOf(r), id)
		} else {
			err = s.consultations.Support(r.Context(), actorOf(r), id)
		}
	}
	back := r.PostForm.Get("back")
	if !strings.HasPrefix(back, "/consultations/") || strings.HasPrefix(back, "//") {
		back = "/consultations"
	}
	if err != nil {
		s.messagePage(w, r, httpStatus(err), s.localize(r, "Support"), []string{avenir.Message(err, s.lang(r))}, back, s.localize(r, "Back"))
		return
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// Consultations returns the consultation service (for seeding demo data).
func (s *Server) Consultations() *consultation.Service { return s.consultations }
