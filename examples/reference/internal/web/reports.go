package web

// The reports of conversation messages, for the network's moderators
// (/moderation/reports): each with the reported message and the messages
// before it that the reporter could read, copied when it was reported. It
// is the only way a message of a private conversation reaches anyone
// outside it; the conversation itself stays closed to moderators.

import (
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

// reportView is a report as the page shows it: its context, the reported
// message (the last) marked.
type reportView struct {
	network.Report
	Messages []reportMessage
}

type reportMessage struct {
	network.Message
	Reported bool
}

func (s *Server) mountReports(mux *http.ServeMux) {
	mux.HandleFunc("GET /moderation/reports", s.reportsPage)
}

func (s *Server) reportsPage(w http.ResponseWriter, r *http.Request) {
	if actorOf(r).IsAnonymous() {
		toSignIn(w, r, "/moderation/reports")
		return
	}
	page, err := pageRequest(r)
	var list avenir.Page[network.Report]
	if err == nil {
		list, err = s.net.Conversations.Reports(r.Context(), actorOf(r), page)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	views := make([]reportView, len(list.Items))
	for i, rep := range list.Items {
		views[i] = reportView{Report: rep}
		for j, m := range rep.Context {
			views[i].Messages = append(views[i].Messages, reportMessage{Message: m, Reported: j == len(rep.Context)-1})
		}
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "admin_reports.html", map[string]any{
		"Title":   s.localize(r, "Reported messages"),
		"Reports": views,
		"Next":    nextURL(r, list.Next),
	})
}

// ModeratesNetwork reports whether the reader moderates the whole network
// (admins do): the header links them to the reports.
func (p page) ModeratesNetwork() bool {
	return p.Actor.Has(avenir.RoleModerator, avenir.NetworkScope())
}
