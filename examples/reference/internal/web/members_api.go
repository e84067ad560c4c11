package web

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// The membership API: sign-up and sign-in, my account, and the admins'
// member management. Clients authenticate with "Authorization: Bearer
// <token>" (the token that /api/v1/auth/signin returns) or the session cookie.
func (s *Server) mountMembersAPI(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/v1/auth/register", s.apiRegister)
	mux.HandleFunc("POST /api/v1/auth/verify", s.apiVerify)
	mux.HandleFunc("POST /api/v1/auth/signin", s.apiSignIn)
	mux.HandleFunc("POST /api/v1/auth/link", s.apiRequestLink)
	mux.HandleFunc("POST /api/v1/auth/link/signin", s.apiSignInWithLink)
	mux.HandleFunc("POST /api/v1/auth/signout", s.sessionOnly(s.apiSignOut))
	mux.HandleFunc("POST /api/v1/auth/signout-everywhere", s.signedIn(s.sessionOnly(s.apiSignOutEverywhere)))

	mux.HandleFunc("GET /api/v1/me", s.signedIn(s.apiMe))
	mux.HandleFunc("PATCH /api/v1/me", s.signedIn(s.apiUpdateMe))
	mux.HandleFunc("DELETE /api/v1/me", s.signedIn(s.sessionOnly(s.apiEraseMe)))
	mux.HandleFunc("GET /api/v1/me/consents", s.signedIn(s.apiConsents))
	mux.HandleFunc("PUT /api/v1/me/consents/{purpose}", s.signedIn(s.apiSetConsent))
	mux.HandleFunc("GET /api/v1/me/export", s.signedIn(s.sessionOnly(s.apiExport)))
	mux.HandleFunc("POST /api/v1/me/join", s.signedIn(s.apiJoin))
	mux.HandleFunc("POST /api/v1/me/leave", s.signedIn(s.sessionOnly(s.apiLeave)))
	mux.HandleFunc("POST /api/v1/me/password", s.signedIn(s.sessionOnly(s.apiPassword)))

	mux.HandleFunc("GET /api/v1/members", s.signedIn(s.apiDirectory))
	mux.HandleFunc("POST /api/v1/members/import", s.signedIn(s.apiImport))
	mux.HandleFunc("GET /api/v1/members/{id}", s.signedIn(s.apiMember))
	mux.HandleFunc("GET /api/v1/members/{id}/history", s.signedIn(s.apiHistory))
	mux.HandleFunc("GET /api/v1/members/{id}/payments", s.signedIn(s.apiPayments))
	mux.HandleFunc("POST /api/v1/members/{id}/payments", s.signedIn(s.apiRecordPayment))
	mux.HandleFunc("POST /api/v1/members/{id}/status", s.signedIn(s.sessionOnly(s.apiChangeStatus)))
	mux.HandleFunc("GET /api/v1/members/{id}/grants", s.signedIn(s.apiGrants))
	mux.HandleFunc("POST /api/v1/members/{id}/grants", s.signedIn(s.sessionOnly(s.apiGrant)))
	mux.HandleFunc("DELETE /api/v1/grants/{id}", s.signedIn(s.sessionOnly(s.apiRevoke)))
}

// signedIn refuses anonymous requests with unauthenticated.
func (s *Server) signedIn(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if actorOf(r).IsAnonymous() {
			s.apiFail(w, r, avenir.ErrUnauthenticated)
			return
		}
		h(w, r)
	}
}

// decode reads a JSON body into v; unknown fields and trailing data are
// invalid, so that a misspelt field does not pass unnoticed.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if err := tooLarge(err); avenir.ErrorCode(err) == avenir.CodeInvalid {
			return err
		}
		return avenir.Wrap(avenir.CodeInvalid, err, "The request body is not valid JSON for this call.")
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		return avenir.Errorf(avenir.CodeInvalid, "The request body is not valid JSON for this call.")
	}
	return nil
}

// pathID reads the {id} of the path.
func pathID(r *http.Request) (avenir.ID, error) { return avenir.ParseID(r.PathValue("id")) }

// respond writes v, or the error.
func (s *Server) respond(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	writeJSON(w, status, v)
}

type registerRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	membership.Profile
	Join     bool     `json:"join"`
	Consents []string `json:"consents"`
}

// apiRegister answers 202 whether or not the address was known: no user
// enumeration.
func (s *Server) apiRegister(w http.ResponseWriter, r *http.Request) {
	var in registerRequest
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	m, err := s.members.Register(r.Context(), membership.Registration{
		Email: in.Email, Password: in.Password, Profile: in.Profile, Join: in.Join, Consents: in.Consents,
	})
	if err == nil {
		s.joinSuggested(r, m)
	}
	s.respond(w, r, http.StatusAccepted, map[string]string{"status": "check_your_inbox"}, err)
}

type tokenRequest struct {
	Token string `json:"token"`
}

func (s *Server) apiVerify(w http.ResponseWriter, r *http.Request) {
	var in tokenRequest
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	m, err := s.members.VerifyEmail(r.Context(), in.Token)
	s.respond(w, r, http.StatusOK, map[string]any{"verified": true, "member": m.ID}, err)
}

type session struct {
	Token     string            `json:"token"`
	ExpiresAt time.Time         `json:"expires_at"`
	Member    membership.Member `json:"member"`
}

func (s *Server) apiSignIn(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	out, err := s.members.SignIn(r.Context(), in.Email, in.Password, clientAddr(r))
	s.respond(w, r, http.StatusOK, session{Token: out.Token, ExpiresAt: out.Session.ExpiresAt, Member: out.Member}, err)
}

func (s *Server) apiRequestLink(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email string `json:"email"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	err := s.members.RequestSignInLink(r.Context(), in.Email)
	s.respond(w, r, http.StatusAccepted, map[string]string{"status": "check_your_inbox"}, err)
}

func (s *Server) apiSignInWithLink(w http.ResponseWriter, r *http.Request) {
	var in tokenRequest
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	out, err := s.members.SignInWithLink(r.Context(), in.Token)
	s.respond(w, r, http.StatusOK, session{Token: out.Token, ExpiresAt: out.Session.ExpiresAt, Member: out.Member}, err)
}

func (s *Server) apiSignOut(w http.ResponseWriter, r *http.Request) {
	err := s.members.SignOut(r.Context(), tokenOf(r))
	s.clearSession(w, r)
	s.respond(w, r, http.StatusNoContent, nil, err)
}

func (s *Server) apiSignOutEverywhere(w http.ResponseWriter, r *http.Request) {
	err := s.members.SignOutEverywhere(r.Context(), actorOf(r))
	s.clearSession(w, r)
	s.respond(w, r, http.StatusNoContent, nil, err)
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	m, err := s.members.Member(r.Context(), actorOf(r), actorOf(r).ID)
	s.respond(w, r, http.StatusOK, m, err)
}

func (s *Server) apiUpdateMe(w http.ResponseWriter, r *http.Request) {
	m, _ := memberOf(r)
	p := m.Profile
	if err := decode(w, r, &p); err != nil {
		s.apiFail(w, r, err)
		return
	}
	out, err := s.members.UpdateProfile(r.Context(), actorOf(r), m.ID, p)
	s.respond(w, r, http.StatusOK, out, err)
}

// apiEraseMe erases the signed-in member's personal data everywhere on the
// network, audited; the body must confirm it, so that a stray DELETE cannot.
func (s *Server) apiEraseMe(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Confirm string `json:"confirm"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if in.Confirm != "erase" {
		s.apiFail(w, r, avenir.FieldError("confirm", "To erase your account, send {\"confirm\": \"erase\"}."))
		return
	}
	proof, err := s.net.EraseMember(r.Context(), actorOf(r), actorOf(r).ID)
	if err == nil {
		s.clearSession(w, r)
	}
	s.respond(w, r, http.StatusOK, proof, err)
}

func (s *Server) apiConsents(w http.ResponseWriter, r *http.Request) {
	states, err := s.members.Consents(r.Context(), actorOf(r), actorOf(r).ID)
	s.respond(w, r, http.StatusOK, map[string]any{"consents": states}, err)
}

func (s *Server) apiSetConsent(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Given bool `json:"given"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	c, err := s.members.SetConsent(r.Context(), actorOf(r), r.PathValue("purpose"), in.Given, membership.SourceAPI)
	s.respond(w, r, http.StatusOK, c, err)
}

// apiExport returns everything the network holds about the signed-in
// member, every part of it; the export is audited.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	x, err := s.net.ExportMember(r.Context(), actorOf(r), actorOf(r).ID)
	if err == nil {
		w.Header().Set("Content-Disposition", `attachment; filename="my-data.json"`)
	}
	s.respond(w, r, http.StatusOK, x, err)
}

func (s *Server) apiJoin(w http.ResponseWriter, r *http.Request) {
	m, err := s.members.Join(r.Context(), actorOf(r))
	if err == nil {
		s.joinSuggested(r, m)
	}
	s.respond(w, r, http.StatusOK, m, err)
}

func (s *Server) apiLeave(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	m, err := s.members.Leave(r.Context(), actorOf(r), in.Reason)
	s.respond(w, r, http.StatusOK, m, err)
}

func (s *Server) apiPassword(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Current  string `json:"current_password"`
		Password string `json:"password"`
	}
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	err := s.members.ChangePassword(r.Context(), actorOf(r), in.Current, in.Password)
	s.respond(w, r, http.StatusNoContent, nil, err)
}

// directoryFilter reads the directory's query: status (repeatable), postal
// (a postal-code prefix), department (a department code), renewals (days: memberships ending within), grace
// (1: members in grace), after and limit (pagination).
func directoryFilter(r *http.Request) (f membership.MemberFilter, renewals time.Duration, grace bool, page avenir.PageRequest, err error) {
	q := r.URL.Query()
	for _, st := range q["status"] {
		if !avenir.Status(st).Valid() {
			return f, 0, false, page, avenir.FieldError("status", "The status %q is not known.", st)
		}
		f.Statuses = append(f.Statuses, avenir.Status(st))
	}
	f.PostalPrefix = q.Get("postal")
	f.Department = q.Get("department")
	if d := q.Get("renewals"); d != "" {
		days, perr := strconv.Atoi(d)
		if perr != nil || days < 1 || days > 366 {
			return f, 0, false, page, avenir.FieldError("renewals", "The number of days must be between 1 and %d.", 366)
		}
		renewals = time.Duration(days) * 24 * time.Hour
	}
	grace = q.Get("grace") == "1"
	page.After = q.Get("after")
	if l := q.Get("limit"); l != "" {
		if page.Limit, err = strconv.Atoi(l); err != nil {
			return f, 0, false, page, avenir.FieldError("limit", "The page size must be between 1 and %d.", avenir.MaxPageSize)
		}
	}
	return f, renewals, grace, page, nil
}

// directory runs the directory query of a request.
func (s *Server) directory(r *http.Request) (avenir.Page[membership.Member], error) {
	f, renewals, grace, page, err := directoryFilter(r)
	if err != nil {
		return avenir.Page[membership.Member]{}, err
	}
	if renewals > 0 || grace {
		return s.members.Renewals(r.Context(), actorOf(r), renewals, page)
	}
	return s.members.Directory(r.Context(), actorOf(r), f, page)
}

func (s *Server) apiDirectory(w http.ResponseWriter, r *http.Request) {
	p, err := s.directory(r)
	s.respond(w, r, http.StatusOK, p, err)
}

func (s *Server) apiMember(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	m, err := s.members.Member(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, m, err)
}

func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	h, err := s.members.History(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, map[string]any{"history": h}, err)
}

func (s *Server) apiPayments(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	p, err := s.members.Payments(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, map[string]any{"payments": p}, err)
}

type paymentRequest struct {
	Tier      string            `json:"tier"`
	Amount    int64             `json:"amount"`
	Method    membership.Method `json:"method"`
	Reference string            `json:"reference"`
	PaidAt    time.Time         `json:"paid_at"`
}

func (s *Server) apiRecordPayment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in paymentRequest
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	p, err := s.members.RecordPayment(r.Context(), actorOf(r), id, membership.PaymentInput(in))
	s.respond(w, r, http.StatusCreated, p, err)
}

type statusRequest struct {
	To     avenir.Status `json:"to"`
	Reason string        `json:"reason"`
	Until  time.Time     `json:"until"`
}

func (s *Server) apiChangeStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in statusRequest
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	m, err := s.members.ChangeStatus(r.Context(), actorOf(r), id, membership.StatusChange(in))
	s.respond(w, r, http.StatusOK, standingOf(m), err)
}

func (s *Server) apiGrants(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	g, err := s.members.Grants(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, map[string]any{"roles": g}, err)
}

// memberStatus is what a status change answers: where the member stands,
// without their personal details (which GET /members/{id} gives, audited).
type memberStatus struct {
	ID             avenir.ID     `json:"id"`
	Status         avenir.Status `json:"status"`
	ExpiresAt      time.Time     `json:"expires_at,omitzero"`
	SuspendedUntil time.Time     `json:"suspended_until,omitzero"`
}

func standingOf(m membership.Member) memberStatus {
	return memberStatus{ID: m.ID, Status: m.Status, ExpiresAt: m.ExpiresAt, SuspendedUntil: m.SuspendedUntil}
}

type grantRequest struct {
	Role      avenir.Role  `json:"role"`
	Scope     avenir.Scope `json:"scope"`
	ExpiresAt time.Time    `json:"expires_at"`
}

func (s *Server) apiGrant(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in grantRequest
	if err := decode(w, r, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	g, err := s.members.GrantRole(r.Context(), actorOf(r), id, membership.GrantInput(in))
	s.respond(w, r, http.StatusCreated, g, err)
}

func (s *Server) apiRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	g, err := s.members.RevokeRole(r.Context(), actorOf(r), id)
	s.respond(w, r, http.StatusOK, g, err)
}

// apiImport imports members from a CSV body (admins): ?dry_run=1 checks
// without writing, ?skip_invalid=1 imports the valid lines. The answer is
// the report, with each line error's message in the request's language.
func (s *Server) apiImport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	opt := membership.ImportOptions{DryRun: q.Get("dry_run") == "1", SkipInvalid: q.Get("skip_invalid") == "1"}
	body := http.MaxBytesReader(w, r.Body, membership.MaxImportSize+1)
	rep, err := s.members.Import(r.Context(), actorOf(r), body, opt)
	tag := s.lang(r)
	for i, le := range rep.Errors {
		if le.Err != nil {
			rep.Errors[i].Message = le.Err.Localize(tag)
		}
	}
	if err != nil && rep.Lines > 0 && avenir.ErrorCode(err) == avenir.CodeInvalid {
		// The report says which lines are wrong: send it with the error.
		s.logError(r, err)
		writeJSON(w, http.StatusBadRequest, map[string]any{
			"error":  apiError{Code: avenir.CodeInvalid, Message: avenir.Message(err, tag)},
			"report": rep,
		})
		return
	}
	s.respond(w, r, http.StatusOK, rep, err)
}
