package web

import (
	"errors"
	"net/http"

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
	s.render(w, r, status, "error.html", map[string]any{
		"Status":  status,
		"Message": avenir.Message(err, s.lang(r)),
	})
}
