package membership

import (
	"encoding/hex"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// French collation, once per goroutine at a time: a Collator is not safe for
// concurrent use.
var collators = sync.Pool{New: func() any {
	return collate.New(language.French, collate.IgnoreCase, collate.Loose)
}}

// SortKey returns the key that sorts members by name in French order
// ("Émile" between "Dupont" and "Fabre", case and accents ignored), as text
// that sorts bytewise: stores index it, so that PostgreSQL and SQLite give
// the same order without depending on the database's collations.
func SortKey(m Member) string {
	name := m.FullName
	if name == "" {
		name = m.DisplayName
	}
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	var buf collate.Buffer
	return hex.EncodeToString(c.KeyFromString(&buf, name))
}
