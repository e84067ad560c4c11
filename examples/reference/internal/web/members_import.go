package web

// The members' import, for admins (/admin/members/import): a CSV file from
// a spreadsheet or a former tool, checked first (a dry run reports every
// line's errors and writes nothing), then imported, all or nothing or the
// valid lines only. The membership service guesses the columns from their
// French or English headers, the separator and the encoding.

import (
	"errors"
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

func (s *Server) mountMembersImport(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin/members/import", s.membersAdminOnly(s.importForm))
	mux.HandleFunc("POST /admin/members/import", s.membersAdminOnly(s.postImport))
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request) {
	s.renderImport(w, r, http.StatusOK, formState{Values: map[string]string{"dry_run": "1"}}, nil, false)
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, status int, f formState, rep *membership.ImportReport, dry bool) {
	if rep != nil {
		tag := s.lang(r)
		for i, le := range rep.Errors {
			if le.Err != nil {
				rep.Errors[i].Message = le.Err.Localize(tag)
			}
		}
	}
	s.render(w, r, status, "admin_import.html", map[string]any{
		"Title":  s.localize(r, "Import members"),
		"Form":   f,
		"Report": rep,
		"DryRun": dry,
	})
}

func (s *Server) postImport(w http.ResponseWriter, r *http.Request) {
	// One parse of the form, whose error says whether the body was too
	// large (413) or not a form.
	if err := r.ParseMultipartForm(32 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		if err = tooLarge(err); avenir.IsCode(err, avenir.CodeInvalid) {
			s.pageError(w, r, err)
			return
		}
	}
	values := map[string]string{"dry_run": r.FormValue("dry_run"), "skip_invalid": r.FormValue("skip_invalid")}
	file, _, err := r.FormFile("file")
	if err != nil {
		err := avenir.FieldError("file", "Choose the CSV file to import.")
		s.renderImport(w, r, httpStatus(err), s.refused(r, "import", err, values), nil, false)
		return
	}
	defer file.Close()
	opt := membership.ImportOptions{DryRun: values["dry_run"] == "1", SkipInvalid: values["skip_invalid"] == "1"}
	rep, err := s.members.Import(r.Context(), actorOf(r), file, opt)
	status := http.StatusOK
	var f formState
	if err != nil {
		status, f = httpStatus(err), s.refused(r, "import", err, values)
		if rep.Lines == 0 {
			s.renderImport(w, r, status, f, nil, false)
			return
		}
	}
	s.renderImport(w, r, status, f, &rep, opt.DryRun)
}
