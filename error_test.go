package avenir_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// sentinelOf is written out rather than read from the package, so that a
// sentinel with the wrong code is caught.
var sentinelOf = map[avenir.Code]*avenir.Error{
	avenir.CodeInvalid:         avenir.ErrInvalid,
	avenir.CodeNotFound:        avenir.ErrNotFound,
	avenir.CodeForbidden:       avenir.ErrForbidden,
	avenir.CodeUnauthenticated: avenir.ErrUnauthenticated,
	avenir.CodeConflict:        avenir.ErrConflict,
	avenir.CodeRateLimited:     avenir.ErrRateLimited,
	avenir.CodeInternal:        avenir.ErrInternal,
}

func TestCodes(t *testing.T) {
	assert.Equal(t, []avenir.Code{"invalid", "not_found", "forbidden", "unauthenticated", "conflict", "rate_limited", "internal"}, avenir.Codes)
	for _, c := range avenir.Codes {
		assert.True(t, c.Valid(), "%s", c)
		assert.Equal(t, string(c), c.String())
		s, ok := sentinelOf[c]
		require.True(t, ok, "no sentinel for %s", c)
		assert.Equal(t, c, s.Code, "sentinel of %s", c)
		assert.NotEmpty(t, s.Key)
	}
	for _, c := range []avenir.Code{"", "NOT_FOUND", "notfound", "unknown"} {
		assert.False(t, c.Valid(), "%q", c)
	}
}

func TestErrorsIsMatchesByCode(t *testing.T) {
	for _, code := range avenir.Codes {
		errs := map[string]error{
			"Errorf":         avenir.Errorf(code, "Thread %q has no %d replies.", "x", 3),
			"Wrap":           avenir.Wrap(code, io.EOF, ""),
			"wrapped once":   fmt.Errorf("load thread: %w", avenir.Errorf(code, "Some key.")),
			"wrapped twice":  fmt.Errorf("handler: %w", fmt.Errorf("load: %w", avenir.Errorf(code, "Some key."))),
			"joined":         errors.Join(io.EOF, avenir.Errorf(code, "Some key.")),
			"sentinel":       sentinelOf[code],
			"wrapped senti.": fmt.Errorf("x: %w", sentinelOf[code]),
		}
		for name, err := range errs {
			for other, sentinel := range sentinelOf {
				assert.Equal(t, other == code, errors.Is(err, sentinel),
					"errors.Is(%s error of code %s, sentinel %s)", name, code, other)
			}
		}
	}
}

func TestErrorIsByKey(t *testing.T) {
	err := avenir.Errorf(avenir.CodeConflict, "The thread is locked.")
	assert.ErrorIs(t, err, avenir.Errorf(avenir.CodeConflict, "The thread is locked."), "same code and key")
	assert.ErrorIs(t, fmt.Errorf("reply: %w", err), avenir.Errorf(avenir.CodeConflict, "The thread is locked."))
	assert.NotErrorIs(t, err, avenir.Errorf(avenir.CodeConflict, "The forum is closed."), "same code, another key")
	assert.NotErrorIs(t, err, avenir.Errorf(avenir.CodeForbidden, "The thread is locked."), "same key, another code")
	// A non-sentinel error with a sentinel's key is not a sentinel: it matches
	// only errors with that key.
	assert.NotErrorIs(t, err, avenir.Errorf(avenir.CodeConflict, avenir.ErrConflict.Key))

	assert.NotErrorIs(t, err, io.EOF)
	assert.NotErrorIs(t, err, (*avenir.Error)(nil), "a nil *Error target matches nothing and does not panic")

	wrapped := avenir.Wrap(avenir.CodeNotFound, io.EOF, "")
	assert.ErrorIs(t, wrapped, io.EOF, "the cause is in the chain")
	assert.ErrorIs(t, wrapped, avenir.ErrNotFound)
	assert.Same(t, io.EOF, errors.Unwrap(wrapped))
}

func TestErrorsAs(t *testing.T) {
	orig := avenir.FieldError("title", "The title is too long (%d characters at most).", 120)
	for name, err := range map[string]error{
		"direct":        orig,
		"wrapped":       fmt.Errorf("create thread: %w", orig),
		"wrapped twice": fmt.Errorf("handler: %w", fmt.Errorf("service: %w", orig)),
		"joined":        errors.Join(context.Canceled, fmt.Errorf("x: %w", orig)),
	} {
		var e *avenir.Error
		require.ErrorAs(t, err, &e, name)
		assert.Same(t, orig, e, name)
		assert.Equal(t, avenir.CodeInvalid, e.Code, name)
		assert.Equal(t, "title", e.Field, name)
		assert.Equal(t, []any{120}, e.Args, name)
	}
	var e *avenir.Error
	assert.False(t, errors.As(io.EOF, &e))
}

func TestErrorCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want avenir.Code
	}{
		{"nil", nil, ""},
		{"plain", errors.New("boom"), avenir.CodeInternal},
		{"context canceled", context.Canceled, avenir.CodeInternal},
		{"forbidden", avenir.Errorf(avenir.CodeForbidden, "No."), avenir.CodeForbidden},
		{"field error", avenir.FieldError("email", "The email is not valid."), avenir.CodeInvalid},
		{"wrapped conflict", fmt.Errorf("save: %w", avenir.ErrConflict), avenir.CodeConflict},
		{"joined", errors.Join(io.EOF, avenir.ErrRateLimited), avenir.CodeRateLimited},
		{"first in chain wins", avenir.Wrap(avenir.CodeNotFound, avenir.ErrConflict, ""), avenir.CodeNotFound},
		{"internal of plain", avenir.Internal(io.EOF), avenir.CodeInternal},
		{"internal keeps code", avenir.Internal(avenir.ErrUnauthenticated), avenir.CodeUnauthenticated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, avenir.ErrorCode(tt.err))
			for _, c := range avenir.Codes {
				assert.Equal(t, c == tt.want, avenir.IsCode(tt.err, c), "IsCode(%s)", c)
			}
			assert.False(t, avenir.IsCode(tt.err, ""), "no error has the empty code")
		})
	}
	assert.False(t, avenir.IsCode(nil, ""), "nil has no code")
}

func TestInternal(t *testing.T) {
	assert.NoError(t, avenir.Internal(nil))

	e := avenir.Errorf(avenir.CodeNotFound, "Not found.")
	assert.Same(t, e, avenir.Internal(e), "an *Error is returned unchanged")

	wrapped := fmt.Errorf("load: %w", e)
	assert.True(t, avenir.Internal(wrapped) == wrapped, "an error wrapping an *Error is returned unchanged")

	cause := errors.New("pq: connection refused")
	got := avenir.Internal(cause)
	var ge *avenir.Error
	require.ErrorAs(t, got, &ge)
	assert.Equal(t, avenir.CodeInternal, ge.Code)
	assert.Equal(t, avenir.ErrInternal.Key, ge.Key)
	assert.Same(t, cause, ge.Err)
	assert.ErrorIs(t, got, cause)
	assert.ErrorIs(t, got, avenir.ErrInternal)
	assert.Equal(t, "Something went wrong on our side.: pq: connection refused", got.Error(), "Error() keeps the cause for logs")
	assert.Same(t, ge, avenir.Internal(got), "applying Internal twice changes nothing")
}

func TestWrap(t *testing.T) {
	cause := errors.New("UNIQUE constraint failed: members.email")
	for code, s := range sentinelOf {
		w := avenir.Wrap(code, cause, "")
		assert.Equal(t, code, w.Code)
		assert.Equal(t, s.Key, w.Key, "an empty key takes the sentinel's message")
		assert.Same(t, cause, w.Err)
	}
	w := avenir.Wrap(avenir.CodeConflict, cause, "This already exists.")
	assert.Equal(t, "This already exists.", w.Key)
	assert.Equal(t, "This already exists.: UNIQUE constraint failed: members.email", w.Error())

	var unknown *avenir.Error
	require.NotPanics(t, func() { unknown = avenir.Wrap("bogus", cause, "") })
	assert.Equal(t, avenir.ErrInternal.Key, unknown.Key, "an unknown code gets the generic message")
}

func TestErrorfAndFieldError(t *testing.T) {
	e := avenir.Errorf(avenir.CodeForbidden, "Only %s may do this.", "animators")
	assert.Equal(t, &avenir.Error{Code: avenir.CodeForbidden, Key: "Only %s may do this.", Args: []any{"animators"}}, e)
	assert.Equal(t, "Only animators may do this.", e.Error())

	f := avenir.FieldError("email", "The email %q is not valid.", "a@")
	assert.Equal(t, &avenir.Error{Code: avenir.CodeInvalid, Key: "The email %q is not valid.", Args: []any{"a@"}, Field: "email"}, f)
	assert.Equal(t, `The email "a@" is not valid.`, f.Error())
}

func TestMessage(t *testing.T) {
	secret := errors.New(`pq: password authentication failed for user "avenir_prod"`)
	_, parseErr := avenir.ParseID("nope")
	tests := []struct {
		name string
		err  error
		tag  language.Tag
		want string
	}{
		{"internal hides cause, fr", avenir.Internal(secret), language.French, "Une erreur s’est produite de notre côté."},
		{"internal hides cause, en", avenir.Internal(secret), language.English, "Something went wrong on our side."},
		{"plain error, en", secret, language.English, "Something went wrong on our side."},
		{"plain error, fr", secret, language.French, "Une erreur s’est produite de notre côté."},
		{"wrapped plain error", fmt.Errorf("x: %w", secret), language.French, "Une erreur s’est produite de notre côté."},
		{"internal with its own key", avenir.Errorf(avenir.CodeInternal, "Database %q is down.", "avenir_prod"), language.English, "Something went wrong on our side."},
		{"not found wrapping a cause", avenir.Wrap(avenir.CodeNotFound, secret, ""), language.French, "Introuvable."},
		{"conflict wrapping a cause", avenir.Wrap(avenir.CodeConflict, secret, "This already exists."), language.English, "This already exists."},
		{"conflict wrapping a cause, fr", avenir.Wrap(avenir.CodeConflict, secret, "This already exists."), language.French, "Cela existe déjà."},
		{"parse error, fr", parseErr, language.French, "L’identifiant \"nope\" n’est pas valide."},
		{"parse error wrapped, en", fmt.Errorf("route: %w", parseErr), language.English, "The identifier \"nope\" is not valid."},
		{"sentinel, fr", avenir.ErrForbidden, language.French, "Vous n’êtes pas autorisé à faire cela."},
		{"untranslated key falls back to English", avenir.Errorf(avenir.CodeInvalid, "Untranslated %d thing.", 3), language.French, "Untranslated 3 thing."},
		{"unspoken language gets French", avenir.ErrNotFound, language.German, "Introuvable."},
		{"regional English", avenir.ErrNotFound, language.BritishEnglish, "Not found."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := avenir.Message(tt.err, tt.tag)
			assert.Equal(t, tt.want, got)
			assert.NotContains(t, got, "avenir_prod", "details never reach a person")
			assert.NotContains(t, got, "pq:")
		})
	}
}

func TestErrorString(t *testing.T) {
	// Error() is English, whatever the default language.
	assert.Equal(t, "Not found.", avenir.ErrNotFound.Error())
	assert.Equal(t, "The page size must be between 1 and 200.", avenir.Errorf(avenir.CodeInvalid, "The page size must be between 1 and %d.", 200).Error())
	assert.Equal(t, "Not found.: EOF", avenir.Wrap(avenir.CodeNotFound, io.EOF, "").Error())
}
