package membership_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// BenchmarkImport10k imports 10,000 members, each on a fresh database, and
// reports the rate in rows per second. It times Import whole: reading,
// checking every line (one email lookup each) and the one transaction.
func BenchmarkImport10k(b *testing.B) {
	const rows = 10_000
	var buf bytes.Buffer
	buf.WriteString("Nom;Prénom;Courriel;Téléphone;Code postal;Ville;Statut;Date d'adhésion;Fin d'adhésion;Cotisation;Newsletter\n")
	statuses := []string{"active", "supporter", "grace", "applicant", "lapsed"}
	for i := range rows {
		st := statuses[i%len(statuses)]
		expires := ""
		if st == "active" || st == "grace" || st == "lapsed" {
			expires = "31/12/2026"
		}
		fmt.Fprintf(&buf, "Nom%d;Prénom%d;membre%d@example.org;06 %02d %02d %02d %02d;%05d;Ville %d;%s;2020-01-15;%s;standard;%s\n",
			i, i, i, i%100, i/100%100, i%97, i%89, 1000+i%95000, i, st, expires, []string{"oui", "non"}[i%2])
	}
	data := buf.Bytes()

	for _, tt := range []struct {
		name string
		open func(testing.TB, ...storage.Option) *storage.DB
	}{
		{"sqlite", storagetest.SQLite},
		{"postgres", storagetest.Postgres}, // skipped without PostgreSQL
	} {
		b.Run(tt.name, func(b *testing.B) {
			ctx := context.Background()
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db := tt.open(b)
				svc := membership.NewService(db.Members(), membership.Config{})
				admin := importAdmin(b, db, svc)
				b.StartTimer()

				began := time.Now()
				rep, err := svc.Import(ctx, admin, bytes.NewReader(data), membership.ImportOptions{})
				elapsed += time.Since(began)
				if err != nil {
					b.Fatalf("import: %v (first errors: %v)", err, rep.Errors[:min(3, len(rep.Errors))])
				}
				if rep.Imported != rows {
					b.Fatalf("imported %d rows, want %d", rep.Imported, rows)
				}
			}
			b.ReportMetric(float64(rows*b.N)/elapsed.Seconds(), "rows/s")
		})
	}
}

// importAdmin makes a network admin directly in the store, as an operator
// makes the first admin of a network.
func importAdmin(b *testing.B, db *storage.DB, svc *membership.Service) avenir.Actor {
	b.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	m := membership.Member{ID: avenir.NewID(), Email: "admin@example.org", Status: avenir.StatusActive,
		Profile: membership.Profile{DisplayName: "Admin", Language: "fr", Address: membership.Address{Country: "FR"}}, CreatedAt: now, UpdatedAt: now}
	if err := db.Members().CreateMember(ctx, m); err != nil {
		b.Fatal(err)
	}
	if err := db.Members().AddGrant(ctx, membership.Grant{ID: avenir.NewID(), Member: m.ID, Role: avenir.RoleAdmin, Scope: avenir.NetworkScope(), GrantedAt: now}); err != nil {
		b.Fatal(err)
	}
	a, err := svc.Actor(ctx, m.ID)
	if err != nil {
		b.Fatal(err)
	}
	return a
}
