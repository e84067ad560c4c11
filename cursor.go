package avenir

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
)

// Keyset pagination: a list is ordered by a key (say, last activity then ID),
// and the next page starts after the last key of the previous one. Unlike
// OFFSET, page 10,000 costs what page 1 costs.
//
// A cursor is the key of the last row of a page, wrapped in an opaque token.
// It is integrity-checked, not secret: it carries no authority (every query
// still filters by what the actor may see), but a token that was altered,
// truncated or made for another list is an invalid error, never a panic nor a
// silent first page.

// Page sizes.
const (
	DefaultPageSize = 50
	MaxPageSize     = 200
	maxCursorLen    = 2048
)

var cursorSalt = []byte("avenir cursor v1\x00")

type cursorBody struct {
	Kind string            `json:"k"`
	Key  []json.RawMessage `json:"v"`
}

// EncodeCursor returns the token for a position in the list named kind (say
// "forum.threads"), after the row whose key values are key.
func EncodeCursor(kind string, key ...any) string {
	body := cursorBody{Kind: kind, Key: make([]json.RawMessage, len(key))}
	for i, k := range key {
		b, err := json.Marshal(k)
		if err != nil {
			panic("avenir: cursor key cannot be encoded: " + err.Error())
		}
		body.Key[i] = b
	}
	payload, err := json.Marshal(body)
	if err != nil {
		panic("avenir: cursor cannot be encoded: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(append(payload, cursorSum(payload)...))
}

// DecodeCursor reads a token made by EncodeCursor for the list kind into the
// pointers of key, which must match the encoded values in number and type.
// Any mismatch is an invalid error.
func DecodeCursor(token, kind string, key ...any) error {
	bad := Errorf(CodeInvalid, "The page cursor is not valid.")
	bad.Field = "cursor"
	if len(token) > maxCursorLen {
		return bad
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) <= sumLen {
		return bad
	}
	payload, sum := raw[:len(raw)-sumLen], raw[len(raw)-sumLen:]
	if !bytes.Equal(sum, cursorSum(payload)) {
		return bad
	}
	var body cursorBody
	if err := json.Unmarshal(payload, &body); err != nil || body.Kind != kind || len(body.Key) != len(key) {
		return bad
	}
	for i, k := range key {
		if err := json.Unmarshal(body.Key[i], k); err != nil {
			return bad
		}
	}
	return nil
}

const sumLen = 8

func cursorSum(payload []byte) []byte {
	h := sha256.New()
	h.Write(cursorSalt)
	h.Write(payload)
	return h.Sum(nil)[:sumLen]
}

// PageRequest asks for one page of a list: up to Limit items after the
// cursor After (the first page when After is empty).
type PageRequest struct {
	After string `json:"after,omitempty"`
	Limit int    `json:"limit,omitempty"`
}

// Size returns the number of items to fetch: DefaultPageSize when Limit is
// zero, and an invalid error when it is negative or above MaxPageSize.
func (p PageRequest) Size() (int, error) {
	switch {
	case p.Limit == 0:
		return DefaultPageSize, nil
	case p.Limit < 0 || p.Limit > MaxPageSize:
		return 0, FieldError("limit", "The page size must be between 1 and %d.", MaxPageSize)
	default:
		return p.Limit, nil
	}
}

// Page is one page of a list. Next is the cursor of the following page, empty
// on the last page.
type Page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// NewPage builds a page from rows fetched with a limit of size+1 (the extra
// row says whether a next page exists): it keeps size rows and, when there
// were more, sets Next from the key of the last row kept.
func NewPage[T any](rows []T, size int, kind string, key func(T) []any) Page[T] {
	if len(rows) <= size {
		if rows == nil {
			rows = []T{}
		}
		return Page[T]{Items: rows}
	}
	rows = rows[:size]
	return Page[T]{Items: rows, Next: EncodeCursor(kind, key(rows[size-1])...)}
}

// Collect reads a whole list: it calls fetch with first, then with the
// cursor of each page until the last, and returns every item in order. It
// is for lists known to be small (a test, an export, a member's own
// items); it stops at the first error, and refuses a list whose cursor does
// not move on, which would never end.
func Collect[T any](first PageRequest, fetch func(PageRequest) (Page[T], error)) ([]T, error) {
	var out []T
	req := first
	for {
		page, err := fetch(req)
		if err != nil {
			return out, err
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out, nil
		}
		if page.Next == req.After {
			return out, Errorf(CodeInternal, "The list's next page is the page just read.")
		}
		req.After = page.Next
	}
}
