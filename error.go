package avenir

import (
	"errors"
	"fmt"

	"golang.org/x/text/language"
)

// Code classifies an [Error]. Callers branch on codes, never on messages.
type Code string

// The error codes. The reference server maps each to one HTTP status.
const (
	CodeInvalid         Code = "invalid"         // the input is malformed or breaks a rule
	CodeNotFound        Code = "not_found"       // no such thing, or the actor may not know it exists
	CodeForbidden       Code = "forbidden"       // the actor is known but may not do this
	CodeUnauthenticated Code = "unauthenticated" // the action needs a signed-in actor
	CodeConflict        Code = "conflict"        // the state of things does not allow it (duplicate, wrong state)
	CodeRateLimited     Code = "rate_limited"    // too many attempts; try again later
	CodeInternal        Code = "internal"        // a fault of ours; details are logged, never shown
)

// Codes lists every code, in a stable order.
var Codes = []Code{CodeInvalid, CodeNotFound, CodeForbidden, CodeUnauthenticated, CodeConflict, CodeRateLimited, CodeInternal}

// Error is the one error type of Avenir. Its message is a key of the message
// catalog (an English format string) with arguments, so that it can be shown
// to a person in their language with [Error.Localize].
//
// Compare errors by code: errors.Is(err, avenir.ErrNotFound) is true for every
// *Error whose code is CodeNotFound, and [ErrorCode] gives the code of any
// error (CodeInternal for an error that is not an *Error).
type Error struct {
	Code  Code
	Key   string // message key: an English fmt format, translated through the catalog
	Args  []any  // arguments of Key
	Field string // the input field at fault, when there is one (for forms and APIs)
	Err   error  // the underlying cause, for logs; never shown to a person
}

// Sentinel errors, one per code, for errors.Is. They compare by code only.
var (
	ErrInvalid         = &Error{Code: CodeInvalid, Key: "The request is not valid."}
	ErrNotFound        = &Error{Code: CodeNotFound, Key: "Not found."}
	ErrForbidden       = &Error{Code: CodeForbidden, Key: "You are not allowed to do this."}
	ErrUnauthenticated = &Error{Code: CodeUnauthenticated, Key: "Please sign in to continue."}
	ErrConflict        = &Error{Code: CodeConflict, Key: "This conflicts with the current state."}
	ErrRateLimited     = &Error{Code: CodeRateLimited, Key: "Too many attempts. Please try again later."}
	ErrInternal        = &Error{Code: CodeInternal, Key: "Something went wrong on our side."}
)

var sentinels = map[Code]*Error{
	CodeInvalid: ErrInvalid, CodeNotFound: ErrNotFound, CodeForbidden: ErrForbidden,
	CodeUnauthenticated: ErrUnauthenticated, CodeConflict: ErrConflict,
	CodeRateLimited: ErrRateLimited, CodeInternal: ErrInternal,
}

// Errorf returns an *Error with code and a message built from a catalog key
// and its arguments. The key is the English text; register its translations
// with [SetMessages].
func Errorf(code Code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// FieldError returns an invalid-input error about one field.
func FieldError(field, key string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Key: key, Args: args, Field: field}
}

// Wrap returns an *Error with code whose cause is err. The message shown to
// people is the key's, never err's. Wrap(CodeInternal, err, "") keeps the
// generic internal message.
func Wrap(code Code, err error, key string, args ...any) *Error {
	if key == "" {
		key = ErrInternal.Key
		if s, ok := sentinels[code]; ok {
			key = s.Key
		}
	}
	return &Error{Code: code, Key: key, Args: args, Err: err}
}

// Internal wraps an unexpected error (a driver failure, a bug) as
// CodeInternal. An *Error is returned unchanged, so Internal can be applied
// at every boundary without hiding a meaningful code.
func Internal(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return Wrap(CodeInternal, err, "")
}

// Error returns the English message, followed by the cause for logs.
func (e *Error) Error() string {
	msg := e.Localize(language.English)
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error with the same code and either the
// same key or no key of its own beyond a sentinel's. This makes
// errors.Is(err, avenir.ErrConflict) match every conflict.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok || t == nil {
		return false
	}
	if t.Code != e.Code {
		return false
	}
	return sentinels[t.Code] == t || t.Key == e.Key
}

// Localize returns the message in the language tag, falling back to English.
func (e *Error) Localize(tag language.Tag) string {
	return Printer(tag).Sprintf(e.Key, e.Args...)
}

// ErrorCode returns the code of err: the code of the first *Error in its
// chain, CodeInternal for any other error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// IsCode reports whether err has the code.
func IsCode(err error, code Code) bool { return err != nil && ErrorCode(err) == code }

// Message returns the message of err for a person reading in tag. An error
// that is not an *Error, or an internal one, gets the generic internal
// message: its details are for logs only.
func Message(err error, tag language.Tag) string {
	var e *Error
	if !errors.As(err, &e) || e.Code == CodeInternal {
		return ErrInternal.Localize(tag)
	}
	return e.Localize(tag)
}

// String implements fmt.Stringer for codes.
func (c Code) String() string { return string(c) }

// Valid reports whether c is one of the known codes.
func (c Code) Valid() bool {
	_, ok := sentinels[c]
	return ok
}

var _ fmt.Stringer = Code("")
