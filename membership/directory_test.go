package membership_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

// TestDirectoryByDepartment: the directory's department filter follows the
// commune when a member gave one (a postal code may span two departments),
// and referents see their department only, without private details.
func TestDirectoryByDepartment(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.svc = membership.NewService(db.Members(), membership.Config{Clock: f.clock, Mailer: f.mail, Password: fastPasswords, Geography: geo.Addresses{}})
		people := []struct {
			email, name, postal, commune string
		}{
			{"ajaccio@example.org", "Ajaccio", "20000", ""},
			{"lyon@example.org", "Lyon", "69003", ""},
			{"fougueyrolles@example.org", "Fougueyrolles", "33220", "24189"}, // Dordogne, with a Gironde postal code
			{"saintefoy@example.org", "Sainte-Foy", "33220", "33402"},        // Gironde
		}
		ids := map[string]avenir.ID{}
		for _, p := range people {
			m, err := f.svc.Register(ctx, membership.Registration{Email: p.email, Consents: []string{membership.ConsentMembership},
				Profile: membership.Profile{DisplayName: p.name, Address: membership.Address{PostalCode: p.postal, Commune: p.commune}}})
			require.NoError(t, err)
			ids[p.name] = m.ID
		}
		names := func(page avenir.Page[membership.Member]) []string {
			var out []string
			for _, m := range page.Items {
				out = append(out, m.DisplayName)
			}
			return out
		}
		tests := []struct {
			department string
			want       []string
		}{
			{"2A", []string{"Ajaccio"}},
			{"69", []string{"Camille adm", "Lyon"}}, // the fixture's admin lives in Lyon too
			{"24", []string{"Fougueyrolles"}},
			{"33", []string{"Sainte-Foy"}},
			{"75", nil},
		}
		for _, tt := range tests {
			t.Run(tt.department, func(t *testing.T) {
				page, err := f.svc.Directory(ctx, f.admin, membership.MemberFilter{Department: tt.department}, avenir.PageRequest{})
				require.NoError(t, err)
				assert.Equal(t, tt.want, names(page))
			})
		}
		_, err := f.svc.Directory(ctx, f.admin, membership.MemberFilter{Department: "00"}, avenir.PageRequest{})
		assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err))

		// The admin saw contact details: each member listed is audited once.
		directoryViews := func(id avenir.ID) int {
			accesses, err := db.Members().Accesses(ctx, id)
			require.NoError(t, err)
			n := 0
			for _, a := range accesses {
				if a.What == "directory" {
					n++
				}
			}
			return n
		}
		require.Equal(t, 1, directoryViews(ids["Lyon"]), "the admin's listing of the Rhône")
		require.Equal(t, 1, directoryViews(ids["Ajaccio"]), "the admin's listing of Corse-du-Sud")

		// A referent of the Rhône lists the Rhône, and only it.
		referent := avenir.Actor{ID: avenir.NewID(), Status: avenir.StatusActive, Grants: []avenir.Grant{{Role: avenir.RoleReferent, Scope: avenir.DepartmentScope("69")}}}
		page, err := f.svc.Directory(ctx, referent, membership.MemberFilter{Department: "69"}, avenir.PageRequest{})
		require.NoError(t, err)
		require.Equal(t, []string{"Camille adm", "Lyon"}, names(page))
		assert.Empty(t, page.Items[1].Email, "contact details stay private")
		assert.Empty(t, page.Items[1].Status, "and so does the status")
		assert.Equal(t, 1, directoryViews(ids["Lyon"]), "a listing without contact details is not an access to them")
		for _, d := range []string{"33", ""} {
			_, err = f.svc.Directory(ctx, referent, membership.MemberFilter{Department: d}, avenir.PageRequest{})
			assert.Equal(t, avenir.CodeForbidden, avenir.ErrorCode(err), "department %q", d)
		}
	})
}
