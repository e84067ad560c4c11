package storagetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/avenirnet/avenir/storage"
)

// Dump returns every value of every table of the database as lowercase
// text, one "table|value" line a value: what an erasure test searches for
// a member's personal data. On SQLite it includes the full-text search's
// shadow tables.
func Dump(t testing.TB, db *storage.DB) string {
	t.Helper()
	ctx := context.Background()
	var tables []string
	q := "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	if db.Dialect() == storage.SQLite {
		q = "SELECT name FROM sqlite_master WHERE type = 'table'"
	}
	if err := db.Bun().NewRaw(q).Scan(ctx, &tables); err != nil {
		t.Fatalf("storagetest: list tables: %v", err)
	}
	var b strings.Builder
	for _, table := range tables {
		rows, err := db.Bun().QueryContext(ctx, "SELECT * FROM "+table)
		if err != nil {
			t.Fatalf("storagetest: dump %s: %v", table, err)
		}
		cols, err := rows.Columns()
		if err != nil {
			t.Fatalf("storagetest: dump %s: %v", table, err)
		}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("storagetest: dump %s: %v", table, err)
			}
			for _, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%s|%v\n", table, v)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("storagetest: dump %s: %v", table, err)
		}
		rows.Close()
	}
	return strings.ToLower(b.String())
}
