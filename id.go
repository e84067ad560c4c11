package avenir

import (
	"database/sql/driver"
	"fmt"

	"github.com/google/uuid"
)

// ID identifies every stored thing. It is a UUIDv7 (RFC 9562): time-ordered,
// so that it indexes well and sorts by creation, yet not a guessable sequence,
// so that a URL does not reveal how many members or posts exist, nor lead to
// the next one. The zero ID means "none".
type ID uuid.UUID

// NewID returns a new, time-ordered ID.
func NewID() ID {
	u, err := uuid.NewV7()
	if err != nil {
		// NewV7 fails only when the system's random source does; nothing
		// sensible can go on without it.
		panic("avenir: cannot read random bytes for an ID: " + err.Error())
	}
	return ID(u)
}

// ParseID parses the canonical text form of an ID. Anything else is an
// invalid error.
func ParseID(s string) (ID, error) {
	if len(s) != 36 {
		return ID{}, Errorf(CodeInvalid, "The identifier %q is not valid.", truncate(s, 40))
	}
	u, err := uuid.Parse(s)
	if err != nil {
		return ID{}, Errorf(CodeInvalid, "The identifier %q is not valid.", truncate(s, 40))
	}
	return ID(u), nil
}

// MustParseID is ParseID for constants in tests and examples; it panics on bad input.
func MustParseID(s string) ID {
	id, err := ParseID(s)
	if err != nil {
		panic(err)
	}
	return id
}

// IsZero reports whether id is the zero ID.
func (id ID) IsZero() bool { return id == ID{} }

// String returns the canonical form, xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.
func (id ID) String() string { return uuid.UUID(id).String() }

// MarshalText implements encoding.TextMarshaler (and so JSON).
func (id ID) MarshalText() ([]byte, error) {
	if id.IsZero() {
		return []byte{}, nil
	}
	return []byte(id.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; empty text is the zero ID.
func (id *ID) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*id = ID{}
		return nil
	}
	v, err := ParseID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// Value implements driver.Valuer: the canonical text, or NULL for the zero ID.
func (id ID) Value() (driver.Value, error) {
	if id.IsZero() {
		return nil, nil
	}
	return id.String(), nil
}

// Scan implements sql.Scanner for text, 16 raw bytes and NULL.
func (id *ID) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*id = ID{}
		return nil
	case string:
		return id.UnmarshalText([]byte(v))
	case []byte:
		if len(v) == 16 {
			copy(id[:], v)
			return nil
		}
		return id.UnmarshalText(v)
	case [16]byte:
		*id = ID(v)
		return nil
	default:
		return fmt.Errorf("avenir: cannot scan %T into an ID", src)
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
