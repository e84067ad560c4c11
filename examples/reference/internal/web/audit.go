package web

// The audit log: the whole of it for admins (/admin/audit, filtered by
// member, kind and dates, keyset-paginated), and for each member the
// entries about themself (/audit). The network's Audit decides who reads
// what: anyone but an admin reads only their own entries, whatever the
// filter asks.

import (
	"cmp"
	"net/http"
	"slices"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/network"
)

func (s *Server) mountAudit(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin/audit", s.membersAdminOnly(s.adminAudit))
	mux.HandleFunc("GET /audit", s.myAudit)
}

// auditKindLabels name the audit kinds for people.
var auditKindLabels = map[network.AuditKind]string{
	network.AuditRoleGranted:   "Role given",
	network.AuditRoleRevoked:   "Role withdrawn",
	network.AuditStatusChanged: "Status changed",
	network.AuditContactViewed: "Contact details seen",
	network.AuditExport:        "Data exported",
	network.AuditErasure:       "Data erased",
	network.AuditModeration:    "Moderation decision",
	network.AuditConfigChanged: "Configuration changed",
	network.AuditAPIToken:      "API token created or revoked",
}

// auditRow is an audit entry as the pages show it.
type auditRow struct {
	network.AuditEntry
	KindLabel string
	Who       string // the actor, for people: "You", "The system", "Someone else"
	Person    bool   // the actor is a member (not the system)
}

// auditFilter reads the filters of an audit page or call: ?member=,
// ?kind= (repeated), ?from= and ?to= (dates, both included, in the
// network's time zone).
func (s *Server) auditFilter(r *http.Request) (network.AuditFilter, error) {
	q := r.URL.Query()
	var f network.AuditFilter
	var err error
	if v := q.Get("member"); v != "" {
		if f.Member, err = avenir.ParseID(v); err != nil {
			return f, avenir.FieldError("member", "The member %q is not a member's ID.", v)
		}
	}
	for _, k := range q["kind"] {
		if !slices.Contains(network.AuditKinds, network.AuditKind(k)) {
			return f, avenir.FieldError("kind", "The audit kind %q is not known.", k)
		}
		f.Kinds = append(f.Kinds, network.AuditKind(k))
	}
	loc, err := s.cfg.Location()
	if err != nil {
		return f, err
	}
	for _, d := range []struct {
		name string
		to   *time.Time
		days int
	}{{"from", &f.From, 0}, {"to", &f.To, 1}} {
		v := q.Get(d.name)
		if v == "" {
			continue
		}
		day, err := time.ParseInLocation("2006-01-02", v, loc)
		if err != nil {
			return f, avenir.FieldError(d.name, "The date %q is not valid (expected YYYY-MM-DD).", v)
		}
		*d.to = day.AddDate(0, 0, d.days) // "to" is the day's end: before the next
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return f, avenir.FieldError("to", "The end date comes before the start date.")
	}
	return f, nil
}

// auditPage reads the filters and the page, and lists the entries: with
// own, only those about the reader, even for an admin.
func (s *Server) auditPage(r *http.Request, own bool) (avenir.Page[network.AuditEntry], error) {
	f, err := s.auditFilter(r)
	if err != nil {
		return avenir.Page[network.AuditEntry]{}, err
	}
	if own {
		f.Member = actorOf(r).ID
	}
	page, err := pageRequest(r)
	if err != nil {
		return avenir.Page[network.AuditEntry]{}, err
	}
	return s.net.Audit.List(r.Context(), actorOf(r), f, page)
}

func (s *Server) adminAudit(w http.ResponseWriter, r *http.Request) {
	s.renderAudit(w, r, false)
}

func (s *Server) myAudit(w http.ResponseWriter, r *http.Request) {
	if _, ok := meMember(w, r); !ok {
		return
	}
	s.renderAudit(w, r, true)
}

// renderAudit renders the admins' log, or (own) the reader's entries.
func (s *Server) renderAudit(w http.ResponseWriter, r *http.Request, own bool) {
	list, err := s.auditPage(r, own)
	var form formState
	if err != nil {
		if avenir.ErrorCode(err) != avenir.CodeInvalid {
			s.pageError(w, r, err)
			return
		}
		form = s.refused(r, "filters", err, nil)
	}
	q := r.URL.Query()
	kinds := make([]option, len(network.AuditKinds))
	for i, k := range network.AuditKinds {
		kinds[i] = option{Value: string(k), Label: s.localize(r, auditKindLabels[k]), Selected: slices.Contains(q["kind"], string(k))}
	}
	me := actorOf(r).ID
	rows := make([]auditRow, len(list.Items))
	for i, e := range list.Items {
		who := "Someone else"
		switch {
		case e.Actor == me:
			who = "You"
		case e.Actor.IsZero() || e.Actor == network.SystemID:
			who = "The system"
		}
		rows[i] = auditRow{AuditEntry: e, KindLabel: s.localize(r, cmp.Or(auditKindLabels[e.Kind], string(e.Kind))),
			Who: s.localize(r, who), Person: who != "The system"}
	}
	title, action := "Audit log", "/admin/audit"
	if own {
		title, action = "What was done with my data", "/audit"
	}
	status := http.StatusOK
	if form.Error != "" {
		status = http.StatusBadRequest
	}
	noStore(w)
	s.render(w, r, status, "admin_audit.html", map[string]any{
		"Title":   s.localize(r, title),
		"Own":     own,
		"Action":  action,
		"Form":    form,
		"Kinds":   kinds,
		"Member":  q.Get("member"),
		"From":    q.Get("from"),
		"To":      q.Get("to"),
		"Entries": rows,
		"Next":    nextURL(r, list.Next),
	})
}
