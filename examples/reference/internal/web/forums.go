package web

import (
	"html/template"
	"net/http"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/forum"
	"github.com/avenirnet/avenir/network"
)

// The forum pages: the forums, a forum's threads with the new-thread form,
// a thread with its posts and the reply form (both with a preview), editing,
// supporting, flagging, the moderation queue and decision form, a
// decision's page with the appeal form and its answer, the moderation log,
// and search. What a reader may not read is the 404 page.
func (s *Server) mountForums(mux *http.ServeMux) {
	mux.HandleFunc("GET /forums", s.forumsIndex)
	mux.HandleFunc("GET /forums/search", s.forumSearch)
	mux.HandleFunc("GET /forums/log", s.forumLog)
	mux.HandleFunc("GET /forums/queue", s.forumQueue)
	mux.HandleFunc("GET /forums/decisions", s.myDecisions)
	mux.HandleFunc("GET /forums/decisions/{id}", s.forumDecision)
	mux.HandleFunc("POST /forums/decisions/{id}/appeal", s.postAppeal)
	mux.HandleFunc("POST /forums/decisions/{id}/answer", s.postAnswer)
	mux.HandleFunc("GET /forums/threads/{id}", s.forumThread)
	mux.HandleFunc("POST /forums/threads/{id}/replies", s.postReply)
	mux.HandleFunc("POST /forums/threads/{id}/settings", s.postThreadSettings)
	mux.HandleFunc("GET /forums/posts/{id}/edit", s.editPost)
	mux.HandleFunc("POST /forums/posts/{id}/edit", s.postEdit)
	mux.HandleFunc("POST /forums/posts/{id}/delete", s.postDelete)
	mux.HandleFunc("POST /forums/posts/{id}/support", s.postSupport)
	mux.HandleFunc("POST /forums/posts/{id}/flag", s.postFlag)
	mux.HandleFunc("GET /forums/posts/{id}/moderate", s.moderatePost)
	mux.HandleFunc("POST /forums/posts/{id}/decide", s.postDecide)
	mux.HandleFunc("POST /forums/posts/{id}/approve", s.postApprove)
	mux.HandleFunc("GET /forums/{slug}", s.forumThreads)
	mux.HandleFunc("POST /forums/{slug}/threads", s.postThread)
}

// Forums returns the forum service (for seeding demo data).
func (s *Server) Forums() *forum.Service { return s.forums }

// nextURL is the address of the next page, or "".
func nextURL(r *http.Request, next string) string { return nextURLAt(r, "after", next) }

// nextURLAt is the address of the next page of a list whose cursor is the
// parameter param (a page with two lists has two), or "".
func nextURLAt(r *http.Request, param, next string) string {
	if next == "" {
		return ""
	}
	q := r.URL.Query()
	q.Set(param, next)
	return r.URL.Path + "?" + q.Encode()
}

// labels names the codes of forums for people, in the request's language.
func (s *Server) labels(r *http.Request) map[string]any {
	tr := func(key string) string { return s.localize(r, key) }
	options := func(keys []string, label func(string) string) []option {
		out := make([]option, len(keys))
		for i, k := range keys {
			out[i] = option{Value: k, Label: label(k)}
		}
		return out
	}
	var flagReasons, decisionReasons, actions, outcomes []string
	for _, x := range forum.FlagReasons {
		flagReasons = append(flagReasons, string(x))
	}
	for _, x := range forum.DecisionReasons {
		decisionReasons = append(decisionReasons, string(x))
	}
	for _, x := range forum.Actions {
		actions = append(actions, string(x))
	}
	for _, x := range forum.Outcomes {
		outcomes = append(outcomes, string(x))
	}
	return map[string]any{
		"FlagReasons":     options(flagReasons, func(k string) string { return tr(forum.Reason(k).Label()) }),
		"DecisionReasons": options(decisionReasons, func(k string) string { return tr(forum.Reason(k).Label()) }),
		"Actions":         options(actions, func(k string) string { return tr(forum.Action(k).Label()) }),
		"Outcomes":        options(outcomes, func(k string) string { return tr(forum.Outcome(k).Label()) }),
		"Audiences":       audienceLabels,
	}
}

// audienceLabels name the audiences of forums for people.
var audienceLabels = map[string]string{
	string(avenir.AudiencePublic):     "Open to all",
	string(avenir.AudienceRegistered): "For signed-in people",
	string(avenir.AudienceMembers):    "For members",
	string(avenir.AudienceCommittee):  "A committee's wall",
	string(avenir.AudienceModerators): "For moderators",
}

// forumData starts the data of a forum page.
func (s *Server) forumData(r *http.Request, title string) map[string]any {
	d := s.labels(r)
	d["Title"] = title
	d["Form"] = formState{}
	actor := actorOf(r)
	reader := forum.ReaderOf(actor)
	d["Moderator"] = reader.ModeratesAll || len(reader.Moderates) > 0
	return d
}

func (s *Server) forumsIndex(w http.ResponseWriter, r *http.Request) {
	list, err := s.forums.Forums(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.forumData(r, s.localize(r, "Forums"))
	d["Forums"] = list
	s.render(w, r, http.StatusOK, "forums.html", d)
}

// forumThreads shows a forum's threads and the new-thread form.
func (s *Server) forumThreads(w http.ResponseWriter, r *http.Request) {
	f, err := s.forums.ForumBySlug(r.Context(), actorOf(r), r.PathValue("slug"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.showForum(w, r, f, http.StatusOK, formState{}, "")
}

func (s *Server) showForum(w http.ResponseWriter, r *http.Request, f forum.Forum, status int, form formState, preview template.HTML) {
	d := s.forumData(r, f.Title)
	d["Forum"], d["Form"], d["Preview"] = f, form, preview
	page, err := pageRequest(r)
	if err == nil {
		var threads avenir.Page[forum.Thread]
		threads, err = s.forums.Threads(r.Context(), actorOf(r), f.ID, page)
		d["Threads"], d["Next"] = threads.Items, nextURL(r, threads.Next)
	}
	if err != nil && !form.Failed("thread") {
		d["Form"] = s.refused(r, "page", err, nil)
		status = httpStatus(err)
	}
	d["CanModerate"] = forum.CanModerate(actorOf(r), f.ID)
	d["Follow"] = s.followButton(r, network.Target{Kind: network.FollowForum, ID: f.ID})
	s.render(w, r, status, "forum.html", d)
}

// postThread starts a thread (or previews it).
func (s *Server) postThread(w http.ResponseWriter, r *http.Request) {
	actor := actorOf(r)
	f, err := s.forums.ForumBySlug(r.Context(), actor, r.PathValue("slug"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if actor.IsAnonymous() {
		toSignIn(w, r, "/forums/"+f.Slug)
		return
	}
	if err := readForm(w, r); err != nil {
		s.showForum(w, r, f, httpStatus(err), s.refused(r, "thread", err, nil), "")
		return
	}
	values := map[string]string{"title": r.PostForm.Get("title"), "body": r.PostForm.Get("body")}
	if r.PostForm.Has("preview") {
		s.showForum(w, r, f, http.StatusOK, formState{Form: "thread", Values: values}, forum.Preview(values["body"]))
		return
	}
	th, _, err := s.forums.Start(r.Context(), actor, f.ID, forum.Draft{Title: values["title"], Body: values["body"]})
	if err != nil {
		s.showForum(w, r, f, httpStatus(err), s.refused(r, "thread", err, values), "")
		return
	}
	http.Redirect(w, r, "/forums/threads/"+th.ID.String(), http.StatusSeeOther)
}

// forumThread shows a thread: its posts and the reply form.
func (s *Server) forumThread(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	form := formState{}
	if done := r.URL.Query().Get("done"); forumNotices[done] != "" {
		form.Values = map[string]string{"notice": s.localize(r, forumNotices[done])}
	}
	s.showThread(w, r, id, http.StatusOK, form, "")
}

// forumNotices are what a thread page tells after ?done=.
var forumNotices = map[string]string{
	"flag":    "Thank you: the moderators will look at your report.",
	"pending": "Your message will be published once a moderator approves it.",
	"deleted": "Your message is deleted.",
}

func (s *Server) showThread(w http.ResponseWriter, r *http.Request, id avenir.ID, status int, form formState, preview template.HTML) {
	ctx, actor := r.Context(), actorOf(r)
	th, err := s.forums.Thread(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, err := s.forums.Forum(ctx, actor, th.Forum)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.forumData(r, th.Title)
	d["Forum"], d["Thread"], d["Form"], d["Preview"] = f, th, form, preview
	d["CanModerate"] = forum.CanModerate(actor, f.ID)
	d["Watching"], _ = s.forums.Watching(ctx, actor, th.ID)
	d["Follow"] = s.followButton(r, network.Target{Kind: network.FollowThread, ID: th.ID})
	page, err := pageRequest(r)
	if err == nil {
		var posts avenir.Page[forum.Post]
		posts, err = s.forums.Posts(ctx, actor, th.ID, page)
		d["Posts"], d["Next"] = posts.Items, nextURL(r, posts.Next)
	}
	if err != nil && form.Error == "" {
		d["Form"] = s.refused(r, "page", err, nil)
		status = httpStatus(err)
	}
	s.render(w, r, status, "thread.html", d)
}

// postReply answers a thread (or previews the answer).
func (s *Server) postReply(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	actor := actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/forums/threads/"+id.String())
		return
	}
	if err := readForm(w, r); err != nil {
		s.showThread(w, r, id, httpStatus(err), s.refused(r, "reply", err, nil), "")
		return
	}
	values := map[string]string{"body": r.PostForm.Get("body"), "quote": r.PostForm.Get("quote")}
	if r.PostForm.Has("preview") {
		s.showThread(w, r, id, http.StatusOK, formState{Form: "reply", Values: values}, forum.Preview(values["body"]))
		return
	}
	d := forum.Draft{Body: values["body"]}
	if q := values["quote"]; q != "" {
		if d.Quote, err = avenir.ParseID(q); err != nil {
			err = avenir.FieldError("quote", "The quoted message is not in this thread.")
		}
	}
	var p forum.Post
	if err == nil {
		p, err = s.forums.Reply(r.Context(), actor, id, d)
	}
	if err != nil {
		s.showThread(w, r, id, httpStatus(err), s.refused(r, "reply", err, values), "")
		return
	}
	to := "/forums/threads/" + id.String()
	if p.State == forum.Pending {
		to += "?done=pending"
	}
	http.Redirect(w, r, to+"#post-"+p.ID.String(), http.StatusSeeOther)
}

// postThreadSettings pins, unpins, locks or unlocks a thread (moderators).
func (s *Server) postThreadSettings(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = readForm(w, r)
	}
	if err == nil {
		ctx, actor := r.Context(), actorOf(r)
		switch r.PostForm.Get("set") {
		case "pin", "unpin":
			_, err = s.forums.Pin(ctx, actor, id, r.PostForm.Get("set") == "pin")
		case "lock", "unlock":
			_, err = s.forums.Lock(ctx, actor, id, r.PostForm.Get("set") == "lock")
		default:
			err = avenir.ErrInvalid
		}
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/forums/threads/"+id.String(), http.StatusSeeOther)
}

// postPage reads the post of the path for a signed-in actor; it answers
// itself (sign-in, 404) and returns false when it cannot go on.
func (s *Server) postOf(w http.ResponseWriter, r *http.Request) (forum.Post, bool) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return forum.Post{}, false
	}
	if actorOf(r).IsAnonymous() {
		toSignIn(w, r, "/forums")
		return forum.Post{}, false
	}
	p, err := s.forums.Post(r.Context(), actorOf(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return forum.Post{}, false
	}
	return p, true
}

func threadURL(p forum.Post, done string) string {
	u := "/forums/threads/" + p.Thread.String()
	if done != "" {
		u += "?done=" + done
	}
	return u + "#post-" + p.ID.String()
}

func (s *Server) editPost(w http.ResponseWriter, r *http.Request) {
	p, ok := s.postOf(w, r)
	if !ok {
		return
	}
	values := map[string]string{"body": p.Body}
	if p.First() {
		th, err := s.forums.Thread(r.Context(), actorOf(r), p.Thread)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		values["title"] = th.Title
	}
	s.showEdit(w, r, p, http.StatusOK, formState{Form: "edit", Values: values}, "")
}

func (s *Server) showEdit(w http.ResponseWriter, r *http.Request, p forum.Post, status int, form formState, preview template.HTML) {
	d := s.forumData(r, s.localize(r, "Edit the message"))
	d["Post"], d["Form"], d["Preview"] = p, form, preview
	if forum.CanModerate(actorOf(r), p.Forum) || p.Author == actorOf(r).ID {
		d["Revisions"], _ = s.forums.Revisions(r.Context(), actorOf(r), p.ID)
	}
	s.render(w, r, status, "post_edit.html", d)
}

func (s *Server) postEdit(w http.ResponseWriter, r *http.Request) {
	p, ok := s.postOf(w, r)
	if !ok {
		return
	}
	if err := readForm(w, r); err != nil {
		s.showEdit(w, r, p, httpStatus(err), s.refused(r, "edit", err, nil), "")
		return
	}
	values := map[string]string{"title": r.PostForm.Get("title"), "body": r.PostForm.Get("body")}
	if r.PostForm.Has("preview") {
		s.showEdit(w, r, p, http.StatusOK, formState{Form: "edit", Values: values}, forum.Preview(values["body"]))
		return
	}
	if _, err := s.forums.Edit(r.Context(), actorOf(r), p.ID, forum.Draft{Title: values["title"], Body: values["body"]}); err != nil {
		s.showEdit(w, r, p, httpStatus(err), s.refused(r, "edit", err, values), "")
		return
	}
	http.Redirect(w, r, threadURL(p, ""), http.StatusSeeOther)
}

func (s *Server) postDelete(w http.ResponseWriter, r *http.Request) {
	p, ok := s.postOf(w, r)
	if !ok {
		return
	}
	if err := s.forums.Delete(r.Context(), actorOf(r), p.ID); err != nil {
		s.showThread(w, r, p.Thread, httpStatus(err), s.refused(r, "post", err, nil), "")
		return
	}
	to := "/forums/threads/" + p.Thread.String() + "?done=deleted"
	if p.First() {
		to = "/forums"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (s *Server) postSupport(w http.ResponseWriter, r *http.Request) {
	p, ok := s.postOf(w, r)
	if !ok {
		return
	}
	err := readForm(w, r)
	if err == nil {
		if r.PostForm.Get("support") == "0" {
			_, err = s.forums.Unsupport(r.Context(), actorOf(r), p.ID)
		} else {
			_, err = s.forums.Support(r.Context(), actorOf(r), p.ID)
		}
	}
	if err != nil {
		s.showThread(w, r, p.Thread, httpStatus(err), s.refused(r, "post", err, nil), "")
		return
	}
	http.Redirect(w, r, threadURL(p, ""), http.StatusSeeOther)
}

func (s *Server) postFlag(w http.ResponseWriter, r *http.Request) {
	p, ok := s.postOf(w, r)
	if !ok {
		return
	}
	err := readForm(w, r)
	if err == nil {
		err = s.forums.Flag(r.Context(), actorOf(r), p.ID, forum.FlagInput{Reason: forum.Reason(r.PostForm.Get("reason")), Text: r.PostForm.Get("text")})
	}
	if err != nil {
		s.showThread(w, r, p.Thread, httpStatus(err), s.refused(r, "flag-"+p.ID.String(), err, map[string]string{"text": r.PostForm.Get("text")}), "")
		return
	}
	http.Redirect(w, r, "/forums/threads/"+p.Thread.String()+"?done=flag", http.StatusSeeOther)
}

// forumQueue shows the moderation queue and the appeals waiting.
func (s *Server) forumQueue(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/forums/queue")
		return
	}
	page, err := pageRequest(r)
	var queue avenir.Page[forum.QueueItem]
	var appeals avenir.Page[forum.Decision]
	if err == nil {
		queue, err = s.forums.Queue(ctx, actor, forum.QueueFilter{}, page)
	}
	if err == nil {
		appeals, err = s.forums.Appeals(ctx, actor, forum.QueueFilter{}, avenir.PageRequest{Limit: avenir.MaxPageSize})
	}
	if avenir.IsCode(err, avenir.CodeForbidden) {
		err = avenir.ErrNotFound // the queue does not exist for whoever does not moderate
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.forumData(r, s.localize(r, "Moderation queue"))
	d["Queue"], d["Next"], d["Appeals"] = queue.Items, nextURL(r, queue.Next), appeals.Items
	s.render(w, r, http.StatusOK, "forum_queue.html", d)
}

// moderatePost shows a post and the decision form.
func (s *Server) moderatePost(w http.ResponseWriter, r *http.Request) {
	p, ok := s.postOf(w, r)
	if !ok {
		return
	}
	s.showModerate(w, r, p, http.StatusOK, formState{})
}

func (s *Server) showModerate(w http.ResponseWriter, r *http.Request, p forum.Post, status int, form formState) {
	if !forum.CanModerate(actorOf(r), p.Forum) {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	d := s.forumData(r, s.localize(r, "Decide"))
	d["Post"], d["Form"] = p, form
	d["MaxDays"] = int(forum.MaxSuspension.Hours() / 24)
	s.render(w, r, status, "forum_moderate.html", d)
}

func (s *Server) postDecide(w http.ResponseWriter, r *http.Request) {
	p, ok := s.postOf(w, r)
	if !ok {
		return
	}
	err := readForm(w, r)
	values := map[string]string{"action": r.PostForm.Get("action"), "reason": r.PostForm.Get("reason"), "text": r.PostForm.Get("text"), "until": r.PostForm.Get("until")}
	in := forum.DecisionInput{Action: forum.Action(values["action"]), Reason: forum.Reason(values["reason"]), Text: values["text"]}
	if err == nil && values["until"] != "" {
		var day time.Time
		if day, err = time.Parse(time.DateOnly, values["until"]); err != nil {
			err = avenir.FieldError("until", "A suspension ends in the future, within %d days.", int(forum.MaxSuspension.Hours()/24))
		}
		in.Until = day.Add(24 * time.Hour) // to the end of the day typed
	}
	if err == nil {
		_, err = s.forums.Decide(r.Context(), actorOf(r), p.ID, in)
	}
	if err != nil {
		s.showModerate(w, r, p, httpStatus(err), s.refused(r, "decide", err, values))
		return
	}
	http.Redirect(w, r, "/forums/queue?done=decided", http.StatusSeeOther)
}

func (s *Server) postApprove(w http.ResponseWriter, r *http.Request) {
	p, ok := s.postOf(w, r)
	if !ok {
		return
	}
	if _, err := s.forums.Approve(r.Context(), actorOf(r), p.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/forums/queue?done=approved", http.StatusSeeOther)
}

// myDecisions lists the decisions about the reader's posts.
func (s *Server) myDecisions(w http.ResponseWriter, r *http.Request) {
	if actorOf(r).IsAnonymous() {
		toSignIn(w, r, "/forums/decisions")
		return
	}
	page, err := pageRequest(r)
	var list avenir.Page[forum.Decision]
	if err == nil {
		list, err = s.forums.Decisions(r.Context(), actorOf(r), page)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.forumData(r, s.localize(r, "Decisions about my posts"))
	d["Decisions"], d["Next"] = list.Items, nextURL(r, list.Next)
	s.render(w, r, http.StatusOK, "forum_decisions.html", d)
}

// forumDecision shows a decision: the appeal form to its author, the
// answer form to another moderator.
func (s *Server) forumDecision(w http.ResponseWriter, r *http.Request) {
	s.showDecision(w, r, http.StatusOK, formState{})
}

func (s *Server) showDecision(w http.ResponseWriter, r *http.Request, status int, form formState) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	actor := actorOf(r)
	if actor.IsAnonymous() {
		toSignIn(w, r, "/forums/decisions/"+id.String())
		return
	}
	dec, err := s.forums.Decision(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.forumData(r, s.localize(r, "Moderation decision"))
	d["Decision"], d["Form"] = dec, form
	d["CanAppeal"] = dec.Author == actor.ID && dec.Appealable()
	d["CanAnswer"] = dec.Appeal != nil && dec.Appeal.Outcome == "" && forum.CanModerate(actor, dec.Forum) &&
		actor.ID != dec.Moderator && actor.ID != dec.Author
	if post, err := s.forums.Post(r.Context(), actor, dec.Post); err == nil {
		d["Post"] = post
	}
	s.render(w, r, status, "forum_decision.html", d)
}

func (s *Server) postAppeal(w http.ResponseWriter, r *http.Request) {
	s.decisionForm(w, r, "appeal", func(id avenir.ID) error {
		_, err := s.forums.Appeal(r.Context(), actorOf(r), id, r.PostForm.Get("text"))
		return err
	})
}

func (s *Server) postAnswer(w http.ResponseWriter, r *http.Request) {
	s.decisionForm(w, r, "answer", func(id avenir.ID) error {
		_, err := s.forums.DecideAppeal(r.Context(), actorOf(r), id,
			forum.AppealAnswer{Outcome: forum.Outcome(r.PostForm.Get("outcome")), Text: r.PostForm.Get("text")})
		return err
	})
}

// decisionForm runs a form of a decision's page, then shows the page.
func (s *Server) decisionForm(w http.ResponseWriter, r *http.Request, form string, do func(avenir.ID) error) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	if actorOf(r).IsAnonymous() {
		toSignIn(w, r, "/forums/decisions/"+id.String())
		return
	}
	if err = readForm(w, r); err == nil {
		err = do(id)
	}
	if err != nil {
		values := map[string]string{"text": r.PostForm.Get("text"), "outcome": r.PostForm.Get("outcome")}
		s.showDecision(w, r, httpStatus(err), s.refused(r, form, err, values))
		return
	}
	http.Redirect(w, r, "/forums/decisions/"+id.String(), http.StatusSeeOther)
}

// forumLog shows the moderation log.
func (s *Server) forumLog(w http.ResponseWriter, r *http.Request) {
	page, err := pageRequest(r)
	var log avenir.Page[forum.LogEntry]
	if err == nil {
		log, err = s.forums.Log(r.Context(), actorOf(r), forum.LogFilter{}, page)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.forumData(r, s.localize(r, "Moderation log"))
	d["Entries"], d["Next"] = log.Items, nextURL(r, log.Next)
	s.render(w, r, http.StatusOK, "forum_log.html", d)
}

// forumSearch shows the search form and its results.
func (s *Server) forumSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	d := s.forumData(r, s.localize(r, "Search the forums"))
	d["Query"] = q
	status := http.StatusOK
	if q != "" {
		page, err := pageRequest(r)
		var hits avenir.Page[forum.Hit]
		if err == nil {
			hits, err = s.forums.Search(r.Context(), actorOf(r), forum.SearchQuery{Text: q}, page)
		}
		if err != nil {
			d["Form"] = s.refused(r, "search", err, map[string]string{"q": q})
			status = httpStatus(err)
		}
		d["Hits"], d["Next"], d["Searched"] = hits.Items, nextURL(r, hits.Next), true
	}
	s.render(w, r, status, "forum_search.html", d)
}
