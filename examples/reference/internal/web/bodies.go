package web

import (
	"errors"
	"net/http"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// maxBody bounds a request body: JSON, forms (which readForm bounds lower
// still) and anything else.
const maxBody = 1 << 20

// bodyLimits are the routes whose bodies may be larger than maxBody: the
// members' CSV import, which keeps its own limit.
var bodyLimits = map[string]int64{
	"/api/v1/members/import": membership.MaxImportSize + 1,
	"/admin/members/import":  membership.MaxImportSize + 64<<10, // the file and the form around it
}

// limitBodies bounds every request body (OWASP ASVS 13.1.3): a body
// announced larger than the limit is refused at once with 413, and one that
// grows past it while read fails there (tooLarge).
func (s *Server) limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(maxBody)
		if l, ok := bodyLimits[r.URL.Path]; ok {
			limit = l
		}
		if r.ContentLength > limit {
			s.fail(w, r, tooLarge(&http.MaxBytesError{Limit: limit}))
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
}

// tooLarge turns the error of reading a body past its limit into the
// answer 413 (httpStatus sees the cause); any other error is returned as is.
func tooLarge(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return avenir.Wrap(avenir.CodeInvalid, err, "The request is too large.")
	}
	return err
}

// fail answers err in the API's format under /api/, as a page elsewhere.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) {
		s.apiFail(w, r, err)
		return
	}
	s.pageError(w, r, err)
}

func isAPI(r *http.Request) bool {
	return len(r.URL.Path) >= 5 && r.URL.Path[:5] == "/api/"
}
