package web

import (
	"errors"
	"net/http"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// statusOf is the one table from avenir error codes to HTTP statuses.
var statusOf = map[avenir.Code]int{
	avenir.CodeInvalid:         http.StatusBadRequest,
	avenir.CodeNotFound:        http.StatusNotFound,
	avenir.CodeForbidden:       http.StatusForbidden,
	avenir.CodeUnauthenticated: http.StatusUnauthorized,
	avenir.CodeConflict:        http.StatusConflict,
	avenir.CodeRateLimited:     http.StatusTooManyRequests,
	avenir.CodeInternal:        http.StatusInternalServerError,
}

// httpStatus returns the status of err; an unknown code is internal. A
// body past its limit (tooLarge) is 413 rather than its code's 400.
func httpStatus(err error) int {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return http.StatusRequestEntityTooLarge
	}
	if status, ok := statusOf[avenir.ErrorCode(err)]; ok {
		return status
	}
	return http.StatusInternalServerError
}

// logError logs internal errors with their detail. Others are answers to
// the person, not incidents, and are not logged.
func (s *Server) logError(r *http.Request, err error) {
	if avenir.ErrorCode(err) == avenir.CodeInternal {
		s.log.ErrorContext(r.Context(), "internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
}

// pageError renders err as an HTML error page in the reader's language.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	s.logError(r, err)
	status := httpStatus(err)
	heading, ok := errorHeadings[status]
	if !ok {
		heading = errorHeadings[http.StatusBadRequest]
	}
	s.render(w, r, status, "error.html", map[string]any{
		"Title":   avenir.Localize(s.lang(r), heading),
		"Status":  status,
		"Message": avenir.Message(err, s.lang(r)),
		// A visitor refused a page may only need to sign in.
		"SignIn": status == http.StatusUnauthorized || status == http.StatusForbidden,
	})
}

// errorHeadings title the error pages, one a status (English keys).
var errorHeadings = map[int]string{
	http.StatusBadRequest:          "This request cannot be carried out",
	http.StatusUnauthorized:        "Please sign in",
	http.StatusForbidden:           "This page is not open to you",
	http.StatusNotFound:            "Page not found",
	http.StatusConflict:            "This cannot be done now",
	http.StatusTooManyRequests:     "Too many attempts",
	http.StatusInternalServerError: "Something went wrong",
}

func init() {
	avenir.SetMessages(language.French, map[string]string{
		"This request cannot be carried out": "Cette demande ne peut pas aboutir",
		"Please sign in":                     "Veuillez vous connecter",
		"This page is not open to you":       "Cette page ne vous est pas ouverte",
		"Page not found":                     "Page introuvable",
		"This cannot be done now":            "Cela ne peut pas se faire maintenant",
		"Too many attempts":                  "Trop de tentatives",
		"Something went wrong":               "Une erreur s’est produite",
		"Where to go from here":              "Où aller maintenant",
	})
}
