package committee_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee"
	"github.com/avenirnet/avenir/membership"
	"github.com/avenirnet/avenir/storage"
	"github.com/avenirnet/avenir/storage/storagetest"
)

func TestFind(t *testing.T) {
	storagetest.Run(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		savoie := f.create(t, f.admin, committee.Draft{Kind: committee.Federation, Name: "Fédération de Haute-Savoie", Parent: f.national.ID,
			Territory: committee.Territory{Departments: []string{"74"}}})
		district := f.create(t, f.admin, committee.Draft{Kind: committee.Local, Name: "Lyon 3e", Parent: f.lyon.ID,
			Territory: committee.Territory{Communes: []string{"69383"}}})
		archived := f.create(t, f.admin, committee.Draft{Kind: committee.Local, Name: "Lyon 3e ancien", Parent: f.rhone.ID,
			Territory: committee.Territory{Communes: []string{"69383"}}})
		_, err := f.svc.Archive(ctx, f.admin, archived.ID)
		require.NoError(t, err)

		tests := []struct {
			name    string
			place   committee.Place
			want    []avenir.ID
			choices int
		}{
			// Nearest first: the district, the town's committee, the
			// federation, the national committee; the archived one is gone.
			{"a postal code of one commune", committee.Place{PostalCode: "69003"}, []avenir.ID{district.ID, f.lyon.ID, f.rhone.ID, f.national.ID}, 0},
			{"a commune", committee.Place{Commune: "69387"}, []avenir.ID{f.lyon.ID, f.rhone.ID, f.national.ID}, 0},
			{"a commune with no local committee", committee.Place{PostalCode: "69100"}, []avenir.ID{f.rhone.ID, f.national.ID}, 0},
			{"a department with no federation", committee.Place{PostalCode: "75011"}, []avenir.ID{f.national.ID}, 0},
			// 01200 spans the Ain and Haute-Savoie: only what covers every
			// commune, and the communes to choose from.
			{"a postal code of two departments", committee.Place{PostalCode: "01200"}, []avenir.ID{f.national.ID}, 9},
			{"the commune chosen in Haute-Savoie", committee.Place{PostalCode: "01200", Commune: "74109"}, []avenir.ID{savoie.ID, f.national.ID}, 0},
			{"the commune chosen in the Ain", committee.Place{PostalCode: "01200", Commune: "01033"}, []avenir.ID{f.ain.ID, f.national.ID}, 0},
			// Fougueyrolles is in the Dordogne with a Gironde postal code.
			{"a commune with a neighbour's postal code", committee.Place{PostalCode: "33220", Commune: "24189"}, []avenir.ID{f.national.ID}, 0},
			{"abroad", committee.Place{Country: "de"}, []avenir.ID{f.abroad.ID, f.national.ID}, 0},
			{"abroad with no committee", committee.Place{Country: "JP"}, []avenir.ID{f.national.ID}, 0},
			{"France by its country code", committee.Place{PostalCode: "69003", Country: "FR"}, []avenir.ID{district.ID, f.lyon.ID, f.rhone.ID, f.national.ID}, 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				found, err := f.svc.Find(ctx, tt.place)
				require.NoError(t, err)
				assert.Equal(t, tt.want, ids(found.Committees))
				assert.Len(t, found.Choices, tt.choices)
				nearest, ok := found.Nearest()
				assert.True(t, ok)
				assert.Equal(t, tt.want[0], nearest.ID)
			})
		}

		found, err := f.svc.Find(ctx, committee.Place{PostalCode: "01200"})
		require.NoError(t, err)
		depts := map[string]string{}
		for _, c := range found.Choices {
			depts[c.Commune.INSEE] = c.Department.Name
		}
		assert.Equal(t, "Haute-Savoie", depts["74109"])
		assert.Equal(t, "Ain", depts["01033"])

		bad := []struct {
			name  string
			place committee.Place
			field string
		}{
			{"an unknown postal code", committee.Place{PostalCode: "00000"}, "postal_code"},
			{"a malformed postal code", committee.Place{PostalCode: "6900"}, "postal_code"},
			{"nothing", committee.Place{}, "postal_code"},
			{"a commune that does not carry the postal code", committee.Place{PostalCode: "69003", Commune: "75101"}, "commune"},
			{"an unknown commune", committee.Place{Commune: "69999"}, "commune"},
			{"an unknown country", committee.Place{Country: "ZZ"}, "country"},
			{"a malformed country", committee.Place{Country: "Allemagne"}, "country"},
		}
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.svc.Find(ctx, tt.place)
				requireCode(t, err, avenir.CodeInvalid, tt.field)
			})
		}

		s, err := f.svc.Suggest(ctx, membership.Address{PostalCode: "69007", Country: "FR"})
		require.NoError(t, err)
		nearest, _ := s.Nearest()
		assert.Equal(t, f.lyon.ID, nearest.ID)
	})
}
