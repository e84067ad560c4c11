package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// The admins' member pages: the member list with its filters (renewals due,
// grace) and one member's page, where admins record payments, change the
// status and give or take back roles. To anyone but an admin they do not
// exist: a member gets the 404 page, a visitor the sign-in page.
func (s *Server) mountMembersAdmin(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin/members", s.membersAdminOnly(s.adminMembers))
	mux.HandleFunc("GET /admin/members/{id}", s.membersAdminOnly(s.adminMember))
	mux.HandleFunc("POST /admin/members/{id}/payments", s.membersAdminOnly(s.adminRecordPayment))
	mux.HandleFunc("POST /admin/members/{id}/status", s.membersAdminOnly(s.adminChangeStatus))
	mux.HandleFunc("POST /admin/members/{id}/grants", s.membersAdminOnly(s.adminGrant))
	mux.HandleFunc("POST /admin/grants/{id}/revoke", s.membersAdminOnly(s.adminRevoke))
}

// membersAdminOnly lets admins through; it sends a visitor to sign in and
// shows anyone else the page that is not found.
func (s *Server) membersAdminOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		actor := actorOf(r)
		switch {
		case actor.IsAnonymous():
			toSignIn(w, r, "/admin/members")
		case !actor.IsAdmin():
			s.pageError(w, r, avenir.ErrNotFound)
		default:
			noStore(w)
			h(w, r)
		}
	}
}

// memberRow is one line of the member list.
type memberRow struct {
	membership.Member
	StatusLabel string
}

// renewalDays is the horizon of the "renewals due" filter.
const renewalDays = 30

func (s *Server) adminMembers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	statuses := make([]option, 0, len(avenir.Statuses))
	for _, st := range avenir.Statuses {
		statuses = append(statuses, option{Value: string(st), Label: s.statusLabel(r, st), Selected: slices.Contains(q["status"], string(st))})
	}
	data := map[string]any{
		"Title":       s.localize(r, "Members"),
		"Statuses":    statuses,
		"Postal":      q.Get("postal"),
		"Department":  q.Get("department"),
		"Renewals":    q.Get("renewals") != "",
		"Grace":       q.Get("grace") == "1",
		"RenewalDays": renewalDays,
		"Limit":       q.Get("limit"),
		"Form":        formState{},
	}
	status := http.StatusOK
	page, err := s.directory(r)
	if err != nil {
		status = httpStatus(err)
		// The filters' form: the error's field ties it to its input (a
		// refused cursor shows in its own, to empty).
		data["Form"] = s.refused(r, "filters", err, map[string]string{"after": q.Get("after")})
	}
	rows := make([]memberRow, len(page.Items))
	for i, m := range page.Items {
		rows[i] = memberRow{Member: m, StatusLabel: s.statusLabel(r, m.Status)}
	}
	data["Rows"] = rows
	if page.Next != "" {
		q.Set("after", page.Next)
		data["Next"] = "/admin/members?" + q.Encode()
	}
	s.render(w, r, status, "admin_members.html", data)
}

// historyRow is one status change, for people.
type historyRow struct {
	membership.Transition
	FromLabel, ToLabel string
}

// grantRow is one role, for people.
type grantRow struct {
	membership.Grant
	RoleLabel, ScopeLabel string
	InForce               bool
}

// adminNotices are the notices the member page shows after ?done=.
var adminNotices = map[string]string{
	"payment": "The payment is recorded.",
	"status":  "The status is changed.",
	"grant":   "The role is given.",
	"revoke":  "The role is taken back.",
}

// serviceReasons name, for people, the reasons the membership service gives
// to the status changes it makes itself.
var serviceReasons = map[string]string{
	"payment": "Dues paid",
}

// roleLabels name the roles for people.
var roleLabels = map[avenir.Role]string{
	avenir.RoleAdmin:     "Administrator",
	avenir.RoleModerator: "Moderator",
	avenir.RoleAnimator:  "Committee animator",
	avenir.RoleReferent:  "Department referent",
}

// grantChoices are the roles the member page offers, each over a kind of
// scope ("role:kind"); the scope's ID or code is typed beside.
var grantChoices = []struct{ value, label string }{
	{"admin:network", "Administrator of the network"},
	{"moderator:network", "Moderator of the whole network"},
	{"moderator:forum", "Moderator of one forum (give its ID)"},
	{"animator:committee", "Animator of a committee (give its ID)"},
	{"referent:department", "Referent of a department (give its code)"},
}

// methodLabels name the payment methods for people.
var methodLabels = map[membership.Method]string{
	membership.MethodCard:     "Card",
	membership.MethodTransfer: "Bank transfer",
	membership.MethodCheque:   "Cheque",
	membership.MethodCash:     "Cash",
}

func (s *Server) scopeLabel(r *http.Request, sc avenir.Scope) string {
	switch sc.Kind {
	case avenir.ScopeNetwork:
		return s.localize(r, "the whole network")
	case avenir.ScopeForum:
		return s.localize(r, "forum %s", sc.ID.String())
	case avenir.ScopeCommittee:
		return s.localize(r, "committee %s", sc.ID.String())
	case avenir.ScopeDepartment:
		return s.localize(r, "department %s", sc.Code)
	}
	return string(sc.Kind)
}

func (s *Server) adminMember(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	s.renderAdminMember(w, r, http.StatusOK, id, formState{})
}

// renderAdminMember renders a member's page; f holds a refused form, to
// show again with its error.
func (s *Server) renderAdminMember(w http.ResponseWriter, r *http.Request, status int, id avenir.ID, f formState) {
	ctx, actor := r.Context(), actorOf(r)
	m, err := s.members.Member(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	transitions, err := s.members.History(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	payments, err := s.members.Payments(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	grants, err := s.members.Grants(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}

	history := make([]historyRow, len(transitions))
	for i, t := range transitions {
		history[i] = historyRow{Transition: t, FromLabel: s.statusLabel(r, t.From), ToLabel: s.statusLabel(r, t.To)}
		if key, ok := serviceReasons[t.Reason]; ok {
			history[i].Reason = s.localize(r, key)
		}
	}
	now := s.opts.Clock.Now()
	roles := make([]grantRow, len(grants))
	for i, g := range grants {
		roles[i] = grantRow{Grant: g, RoleLabel: s.localize(r, roleLabels[g.Role]), ScopeLabel: s.scopeLabel(r, g.Scope), InForce: g.InForce(now)}
	}
	methodNames := map[membership.Method]string{}
	for method, key := range methodLabels {
		methodNames[method] = s.localize(r, key)
	}

	if f.Values == nil {
		f.Values = map[string]string{}
	}
	var methods []option
	for _, method := range membership.Methods {
		methods = append(methods, option{Value: string(method), Label: methodNames[method], Selected: string(method) == f.Value("method")})
	}
	var targets []option
	for _, st := range avenir.Statuses {
		if st != avenir.StatusErased && membership.CanTransition(m.Status, st) {
			targets = append(targets, option{Value: string(st), Label: s.statusLabel(r, st), Selected: string(st) == f.Value("status")})
		}
	}
	var choices []option
	for _, c := range grantChoices {
		choices = append(choices, option{Value: c.value, Label: s.localize(r, c.label), Selected: c.value == f.Value("role")})
	}
	var notice string
	if key, ok := adminNotices[r.URL.Query().Get("done")]; ok && f.Error == "" {
		notice = s.localize(r, key)
	}
	title := m.DisplayName
	if title == "" {
		title = s.localize(r, "Former member")
	}
	s.render(w, r, status, "admin_member.html", map[string]any{
		"Title":       title,
		"Person":      m,
		"StatusLabel": s.statusLabel(r, m.Status),
		"History":     history,
		"Payments":    payments,
		"Methods":     methodNames,
		"Roles":       roles,
		"Form":        f,
		"Notice":      notice,
		"Tiers":       s.members.Policy().Tiers,
		"MethodOpts":  methods,
		"Targets":     targets,
		"Grants":      choices,
		"Today":       now.In(s.location()).Format(time.DateOnly),
	})
}

// location is the time zone in which admins type dates.
func (s *Server) location() *time.Location {
	if loc := s.members.Policy().Location; loc != nil {
		return loc
	}
	return time.UTC
}

// parseDay reads a date typed in a date input ("2026-03-10") as the start of
// that day in the network's time zone; empty is the zero time.
func (s *Server) parseDay(field, v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, v, s.location())
	if err != nil {
		return time.Time{}, avenir.FieldError(field, "The date %q is not valid (expected YYYY-MM-DD).", v)
	}
	return t, nil
}

// parseEndDay reads a last day ("suspended until", "ends on") as the end of
// that day: the start of the next one, in the network's time zone.
func (s *Server) parseEndDay(field, v string) (time.Time, error) {
	t, err := s.parseDay(field, v)
	if err != nil || t.IsZero() {
		return t, err
	}
	return t.AddDate(0, 0, 1), nil
}

// parseEuros reads an amount typed in euros — "30", "30,50", "30.5",
// "1 200 €" — into cents. Empty is zero (the tier's amount).
func parseEuros(v string) (int64, error) {
	clean := strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "€", "").Replace(v)
	if clean == "" {
		return 0, nil
	}
	bad := avenir.FieldError("amount", "The amount %q is not a sum in euros.", v)
	whole, frac, hasFrac := strings.Cut(strings.Replace(clean, ",", ".", 1), ".")
	if whole == "" || len(whole) > 9 || !allDigits(whole) || (hasFrac && (len(frac) == 0 || len(frac) > 2 || !allDigits(frac))) {
		return 0, bad
	}
	euros, _ := strconv.ParseInt(whole, 10, 64)
	var cents int64
	if hasFrac {
		cents, _ = strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			cents *= 10
		}
	}
	return euros*100 + cents, nil
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// memberFormValues keeps the values of a posted admin form, to show again.
func memberFormValues(r *http.Request, names ...string) map[string]string {
	v := map[string]string{}
	for _, n := range names {
		v[n] = r.PostForm.Get(n)
	}
	return v
}

// adminPost runs the action of one of the member page's forms: on success
// it goes back to the member page with a notice, on an error it shows the
// page again with the form's values and the error.
func (s *Server) adminPost(w http.ResponseWriter, r *http.Request, form string, fields []string, act func(id avenir.ID) error) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := act(id); err != nil {
		if avenir.IsCode(err, avenir.CodeNotFound) {
			s.pageError(w, r, err)
			return
		}
		s.renderAdminMember(w, r, httpStatus(err), id, s.refused(r, form, err, memberFormValues(r, fields...)))
		return
	}
	http.Redirect(w, r, "/admin/members/"+id.String()+"?done="+form, http.StatusSeeOther)
}

func (s *Server) adminRecordPayment(w http.ResponseWriter, r *http.Request) {
	s.adminPost(w, r, "payment", []string{"tier", "amount", "method", "reference", "paid_at"}, func(id avenir.ID) error {
		amount, err := parseEuros(r.PostForm.Get("amount"))
		if err != nil {
			return err
		}
		paid, err := s.parseDay("paid_at", r.PostForm.Get("paid_at"))
		if err != nil {
			return err
		}
		_, err = s.members.RecordPayment(r.Context(), actorOf(r), id, membership.PaymentInput{
			Tier: r.PostForm.Get("tier"), Amount: amount, Method: membership.Method(r.PostForm.Get("method")),
			Reference: r.PostForm.Get("reference"), PaidAt: paid,
		})
		return err
	})
}

func (s *Server) adminChangeStatus(w http.ResponseWriter, r *http.Request) {
	s.adminPost(w, r, "status", []string{"status", "reason", "until"}, func(id avenir.ID) error {
		until, err := s.parseEndDay("until", r.PostForm.Get("until"))
		if err != nil {
			return err
		}
		_, err = s.members.ChangeStatus(r.Context(), actorOf(r), id, membership.StatusChange{
			To: avenir.Status(r.PostForm.Get("status")), Reason: r.PostForm.Get("reason"), Until: until,
		})
		return err
	})
}

func (s *Server) adminGrant(w http.ResponseWriter, r *http.Request) {
	s.adminPost(w, r, "grant", []string{"role", "scope", "expires_at"}, func(id avenir.ID) error {
		in, err := s.grantInput(r)
		if err != nil {
			return err
		}
		_, err = s.members.GrantRole(r.Context(), actorOf(r), id, in)
		return err
	})
}

// grantInput reads the role form: "role:kind", the scope's ID or code, and
// an optional end. A combination the service does not allow comes back as
// its error on the field "role".
func (s *Server) grantInput(r *http.Request) (membership.GrantInput, error) {
	role, kind, _ := strings.Cut(r.PostForm.Get("role"), ":")
	in := membership.GrantInput{Role: avenir.Role(role), Scope: avenir.Scope{Kind: avenir.ScopeKind(kind)}}
	scope := strings.TrimSpace(r.PostForm.Get("scope"))
	switch in.Scope.Kind {
	case avenir.ScopeForum, avenir.ScopeCommittee:
		if scope != "" {
			id, err := avenir.ParseID(scope)
			if err != nil {
				return in, avenir.FieldError("scope", "The identifier %q is not valid.", scope)
			}
			in.Scope.ID = id
		}
	case avenir.ScopeDepartment:
		in.Scope.Code = strings.ToUpper(scope)
	}
	end, err := s.parseEndDay("expires_at", r.PostForm.Get("expires_at"))
	in.ExpiresAt = end
	return in, err
}

// adminRevoke takes a role back. The form names the member, so that an
// error can show their page again.
func (s *Server) adminRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, avenir.ErrNotFound)
		return
	}
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	g, err := s.members.RevokeRole(r.Context(), actorOf(r), id)
	if err != nil {
		member, perr := avenir.ParseID(r.PostForm.Get("member"))
		if perr != nil || avenir.IsCode(err, avenir.CodeNotFound) {
			s.pageError(w, r, err)
			return
		}
		s.renderAdminMember(w, r, httpStatus(err), member, s.refused(r, "revoke", err, nil))
		return
	}
	http.Redirect(w, r, "/admin/members/"+g.Member.String()+"?done=revoke", http.StatusSeeOther)
}

func init() {
	avenir.SetMessages(language.French, map[string]string{
		// The member list.
		"Members":                    "Membres",
		"Filters":                    "Filtres",
		"Postal code starts with":    "Code postal commençant par",
		"The first digits: 69, 750…": "Les premiers chiffres : 69, 750…",
		"Department":                 "Département",
		"Its code: 69, 2A, 974…":     "Son code : 69, 2A, 974…",
		"Dues":                       "Cotisations",
		"In the grace period":        "En période de grâce",
		"These two lists ignore the other filters.": "Ces deux listes ne tiennent pas compte des autres filtres.",
		"Filter":                           "Filtrer",
		"Clear the filters":                "Effacer les filtres",
		"List":                             "Liste",
		"Name":                             "Nom",
		"No member matches these filters.": "Aucun membre ne correspond à ces filtres.",
		"Pages":                            "Pages",
		"Next page":                        "Page suivante",
		"Members per page":                 "Membres par page",
		"Page cursor":                      "Curseur de pagination",
		"Empty: the first page.":           "Vide : la première page.",
		// A member's page.
		"Profile":                       "Profil",
		"until %s":                      "jusqu’au %s",
		"not confirmed":                 "non confirmée",
		"Registered on":                 "Inscrit le",
		"Status history":                "Historique du statut",
		"Date":                          "Date",
		"Change":                        "Changement",
		"Reason":                        "Motif",
		"No change yet.":                "Aucun changement pour l’instant.",
		"Payments":                      "Paiements",
		"Tier":                          "Barème",
		"Amount":                        "Montant",
		"Method":                        "Moyen",
		"Reference":                     "Référence",
		"New end":                       "Nouvelle fin",
		"No payment yet.":               "Aucun paiement pour l’instant.",
		"Roles":                         "Rôles",
		"Role":                          "Rôle",
		"Over":                          "Périmètre",
		"Given on":                      "Confié le",
		"Ends":                          "Fin",
		"Taken back on":                 "Retiré le",
		"Actions":                       "Actions",
		"Take back":                     "Retirer",
		"Take back the role %s over %s": "Retirer le rôle %s sur %s",
		"No role.":                      "Aucun rôle.",
		"Record a payment":              "Enregistrer un paiement",
		"Amount in euros":               "Montant en euros",
		"Empty: the tier's amount.":     "Vide : le montant du barème.",
		"Date of payment":               "Date du paiement",
		"Empty: today.":                 "Vide : aujourd’hui.",
		"Reference (cheque number, transfer reference…)": "Référence (numéro de chèque, référence du virement…)",
		"Record the payment": "Enregistrer le paiement",
		"Change the status":  "Changer le statut",
		"New status":         "Nouveau statut",
		"Required for a suspension. The member can read it in their data.": "Obligatoire pour une suspension. Le membre peut le lire dans ses données.",
		"Suspended until (optional)":                                       "Suspendu jusqu’au (facultatif)",
		"Give a role":                                                      "Confier un rôle",
		"Forum or committee ID, or department code":                        "Identifiant du forum ou du comité, ou code du département",
		"Leave it empty for a role over the whole network.":                "Laissez vide pour un rôle sur tout le réseau.",
		"Ends on (optional)":                                               "Prend fin le (facultatif)",
		"Give the role":                                                    "Confier le rôle",
		"The payment is recorded.":                                         "Le paiement est enregistré.",
		"The status is changed.":                                           "Le statut est changé.",
		"The role is given.":                                               "Le rôle est confié.",
		"The role is taken back.":                                          "Le rôle est retiré.",
		"Choose…":                                                          "Choisir…",
		"Former member":                                                    "Ancien membre",
		"Dues paid":                                                        "Cotisation payée",
		// Roles, scopes, payment methods.
		"Administrator":                            "Administrateur",
		"Moderator":                                "Modérateur",
		"Committee animator":                       "Animateur de comité",
		"Department referent":                      "Référent départemental",
		"Administrator of the network":             "Administrateur du réseau",
		"Moderator of the whole network":           "Modérateur de tout le réseau",
		"Moderator of one forum (give its ID)":     "Modérateur d’un forum (indiquez son identifiant)",
		"Animator of a committee (give its ID)":    "Animateur d’un comité (indiquez son identifiant)",
		"Referent of a department (give its code)": "Référent d’un département (indiquez son code)",
		"the whole network":                        "tout le réseau",
		"forum %s":                                 "forum %s",
		"committee %s":                             "comité %s",
		"department %s":                            "département %s",
		"Card":                                     "Carte",
		"Bank transfer":                            "Virement",
		"Cheque":                                   "Chèque",
		"Cash":                                     "Espèces",
		// Errors of the forms.
		"The date %q is not valid (expected YYYY-MM-DD).": "La date %q n’est pas valide (format attendu : AAAA-MM-JJ).",
		"The amount %q is not a sum in euros.":            "Le montant %q n’est pas une somme en euros.",
	})
}
