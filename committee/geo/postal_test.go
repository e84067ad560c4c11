package geo_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/committee/geo"
)

func TestCommunesByPostalCode(t *testing.T) {
	tests := []struct {
		code string
		want []geo.Commune
	}{
		// Paris, Marseille and Lyon are listed by arrondissement.
		{"75001", []geo.Commune{{INSEE: "75101", Name: "PARIS 01", Department: "75", PostalCodes: []string{"75001"}}}},
		{"75016", []geo.Commune{{INSEE: "75116", Name: "PARIS 16", Department: "75", PostalCodes: []string{"75016", "75116"}}}},
		{"75116", []geo.Commune{{INSEE: "75116", Name: "PARIS 16", Department: "75", PostalCodes: []string{"75016", "75116"}}}},
		{"13001", []geo.Commune{{INSEE: "13201", Name: "MARSEILLE 01", Department: "13", PostalCodes: []string{"13001"}}}},
		{"69001", []geo.Commune{{INSEE: "69381", Name: "LYON 01", Department: "69", PostalCodes: []string{"69001"}}}},
		// Corsica: postal codes 20xxx, departments 2A and 2B.
		{"20000", []geo.Commune{{INSEE: "2A004", Name: "AJACCIO", Department: "2A", PostalCodes: []string{"20000", "20090", "20167"}}}},
		{"20200", []geo.Commune{
			{INSEE: "2B033", Name: "BASTIA", Department: "2B", PostalCodes: []string{"20200", "20600"}},
			{INSEE: "2B305", Name: "SAN MARTINO DI LOTA", Department: "2B", PostalCodes: []string{"20200"}},
			{INSEE: "2B309", Name: "SANTA MARIA DI LOTA", Department: "2B", PostalCodes: []string{"20200"}},
			{INSEE: "2B353", Name: "VILLE DI PIETRABUGNO", Department: "2B", PostalCodes: []string{"20200"}},
		}},
		// Overseas departments have three-digit codes.
		{"97400", []geo.Commune{{INSEE: "97411", Name: "ST DENIS", Department: "974", PostalCodes: []string{"97400", "97417", "97490"}}}},
		// Paray-Vieille-Poste is in Essonne (91) but Orly airport, on its
		// land, has a Val-de-Marne (94) postal code: the only commune of
		// 94390. The department comes from the INSEE code.
		{"94390", []geo.Commune{{INSEE: "91479", Name: "PARAY VIEILLE POSTE", Department: "91", PostalCodes: []string{"91550", "94390"}}}},
		// Overseas collectivities are in France but are not departments;
		// Saint-Barthélemy (977) has a Guadeloupe (971) postal code.
		{"97133", []geo.Commune{{INSEE: "97701", Name: "ST BARTHELEMY", Department: "977", PostalCodes: []string{"97133"}}}},
		{"98714", []geo.Commune{{INSEE: "98735", Name: "PAPEETE", Department: "987", PostalCodes: []string{"98714"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			got, err := geo.CommunesByPostalCode(tt.code)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.True(t, geo.ValidPostalCode(tt.code))
		})
	}
}

func TestPostalCodeWithManyCommunes(t *testing.T) {
	// 51300 (Vitry-le-François and its countryside) has the most communes
	// of any postal code.
	communes, err := geo.CommunesByPostalCode("51300")
	require.NoError(t, err)
	require.Len(t, communes, 46)
	insee := map[string]bool{}
	for _, c := range communes {
		assert.Equal(t, "51", c.Department)
		assert.Contains(t, c.PostalCodes, "51300")
		insee[c.INSEE] = true
	}
	assert.Len(t, insee, 46, "a commune is listed once, whatever its localities (Ligne_5)")
	ok, at := frenchOrder(names(communes))
	assert.True(t, ok, "not sorted at %d", at)
	assert.Equal(t, []string{"BASSU", "BASSUET"}, names(communes[:2]))
}

func TestPostalCodesSpanningTwoDepartments(t *testing.T) {
	found := twoDepartmentCodes(t)
	// The README of shared/data/fr counts 16.
	require.Len(t, found, 16, "found %v", slices.Sorted(maps.Keys(found)))
	for code, depts := range found {
		t.Run(code, func(t *testing.T) {
			assert.Len(t, depts, 2)
			communes, err := geo.CommunesByPostalCode(code)
			require.NoError(t, err)
			seen := map[string]bool{}
			for _, c := range communes {
				seen[c.Department] = true
				_, err := geo.DepartmentByCode(c.Department)
				assert.NoError(t, err)
			}
			assert.Equal(t, depts, slices.Sorted(maps.Keys(seen)))
		})
	}
	// The README's examples.
	assert.Equal(t, []string{"04", "05"}, found["05110"])
	assert.Equal(t, []string{"01", "74"}, found["01200"])
	assert.Equal(t, []string{"24", "33"}, found["33220"])
}

func TestCommuneWithNeighbouringDepartmentsPostalCode(t *testing.T) {
	// Fougueyrolles is in Dordogne (24) and has only a Gironde (33) postal
	// code, served from Sainte-Foy-la-Grande across the river.
	communes, err := geo.CommunesByPostalCode("33220")
	require.NoError(t, err)
	i := slices.IndexFunc(communes, func(c geo.Commune) bool { return c.INSEE == "24189" })
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, geo.Commune{INSEE: "24189", Name: "FOUGUEYROLLES", Department: "24", PostalCodes: []string{"33220"}}, communes[i])
	d, err := geo.DepartmentByCode(communes[i].Department)
	require.NoError(t, err)
	assert.Equal(t, "Dordogne", d.Name)

	dordogne, err := geo.DepartmentCommunes("24")
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(dordogne, func(c geo.Commune) bool { return c.INSEE == "24189" }))
}

func TestPostalCodeErrors(t *testing.T) {
	malformed := []string{"7500", "ABCDE", "750011", "", "75 01", " 75001", "7500a", "７５００１", "-7500"}
	for _, code := range malformed {
		t.Run("malformed "+code, func(t *testing.T) {
			assert.False(t, geo.ValidPostalCode(code))
			communes, err := geo.CommunesByPostalCode(code)
			assert.Nil(t, communes)
			requireFieldError(t, err, "postal_code", "The postal code %q is not valid.")
			_, err = geo.PostalCodeDepartments(code)
			requireFieldError(t, err, "postal_code", "The postal code %q is not valid.")
		})
	}
	// 98000 is Monaco's: La Poste serves it, but it is not in France.
	unknown := []string{"00000", "99999", "75000", "75021", "20001", "98000"}
	for _, code := range unknown {
		t.Run("unknown "+code, func(t *testing.T) {
			assert.False(t, geo.ValidPostalCode(code))
			communes, err := geo.CommunesByPostalCode(code)
			assert.Nil(t, communes)
			requireFieldError(t, err, "postal_code", "The postal code %q does not exist.")
			_, err = geo.PostalCodeDepartments(code)
			requireFieldError(t, err, "postal_code", "The postal code %q does not exist.")
		})
	}
}

func TestPostalCodeTotals(t *testing.T) {
	codes := allPostalCodes()
	// The README counts 6,328 postal codes in La Poste's base; one of them,
	// 98000, is Monaco's and is left out.
	assert.Len(t, codes, 6328-1)

	communes := map[string]geo.Commune{}
	for _, code := range codes {
		cs, err := geo.CommunesByPostalCode(code)
		require.NoError(t, err)
		for _, c := range cs {
			communes[c.INSEE] = c
		}
	}
	assert.Len(t, communes, 35098)

	inDepartments := 0
	for _, d := range geo.Departments() {
		cs, err := geo.DepartmentCommunes(d.Code)
		require.NoError(t, err)
		inDepartments += len(cs)
	}
	var inCollectivities int
	for _, c := range communes {
		if collectivities[c.Department] {
			inCollectivities++
		}
	}
	assert.Equal(t, 89, inCollectivities)
	assert.Equal(t, len(communes), inDepartments+inCollectivities)
}

// TestPostalCodeInvariants checks every postal code's answer.
func TestPostalCodeInvariants(t *testing.T) {
	for _, code := range allPostalCodes() {
		communes, err := geo.CommunesByPostalCode(code)
		require.NoError(t, err)
		require.NotEmpty(t, communes, code)
		ok, at := frenchOrder(names(communes))
		require.True(t, ok, "%s: not in French order at %d", code, at)
		insee := map[string]bool{}
		depts := map[string]bool{}
		for _, c := range communes {
			require.False(t, insee[c.INSEE], "%s: %s listed twice", code, c.INSEE)
			insee[c.INSEE] = true
			depts[c.Department] = true
			require.True(t, strings.HasPrefix(c.INSEE, c.Department), "%s: %+v", code, c)
			require.Contains(t, c.PostalCodes, code)
			require.True(t, slices.IsSorted(c.PostalCodes) && len(slices.Compact(slices.Clone(c.PostalCodes))) == len(c.PostalCodes), "%+v", c)
			if _, err := geo.DepartmentByCode(c.Department); err != nil {
				require.True(t, collectivities[c.Department], "%s: %+v in no department", code, c)
			}
			// Corsica's communes, and only they, have postal codes 20xxx.
			corsica := c.Department == "2A" || c.Department == "2B"
			require.Equal(t, corsica, strings.HasPrefix(code, "20"), "%s: %+v", code, c)
		}
		got, err := geo.PostalCodeDepartments(code)
		require.NoError(t, err)
		require.Equal(t, slices.Sorted(maps.Keys(depts)), got, code)
	}
}

func TestDepartmentCommunes(t *testing.T) {
	tests := []struct {
		code  string
		count int
		first string
		has   string
	}{
		{"75", 20, "PARIS 01", "PARIS 20"},
		{"2A", 124, "AFA", "AJACCIO"},
		{"2a", 124, "AFA", "AJACCIO"},
		{"974", 24, "BRAS PANON", "ST DENIS"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			communes, err := geo.DepartmentCommunes(tt.code)
			require.NoError(t, err)
			assert.Len(t, communes, tt.count)
			assert.Equal(t, tt.first, communes[0].Name)
			assert.Contains(t, names(communes), tt.has)
			ok, at := frenchOrder(names(communes))
			assert.True(t, ok, "not sorted at %d", at)
			for _, c := range communes {
				assert.Equal(t, strings.ToUpper(tt.code), c.Department)
			}
		})
	}
}

func BenchmarkCommunesByPostalCode(b *testing.B) {
	for _, code := range []string{"75001", "33220", "51300"} {
		b.Run(code, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := geo.CommunesByPostalCode(code); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkValidPostalCode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if !geo.ValidPostalCode("75001") {
			b.Fatal("75001 is valid")
		}
	}
}

func TestCommuneByINSEE(t *testing.T) {
	tests := []struct {
		code string
		want geo.Commune
	}{
		{"24189", geo.Commune{INSEE: "24189", Name: "FOUGUEYROLLES", Department: "24", PostalCodes: []string{"33220"}}},
		{"75116", geo.Commune{INSEE: "75116", Name: "PARIS 16", Department: "75", PostalCodes: []string{"75016", "75116"}}},
		{"2a004", geo.Commune{INSEE: "2A004", Name: "AJACCIO", Department: "2A", PostalCodes: []string{"20000", "20090", "20167"}}},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			got, err := geo.CommuneByINSEE(tt.code)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	// Every commune of every postal code is found by its INSEE code.
	for _, code := range allPostalCodes()[:500] {
		communes, err := geo.CommunesByPostalCode(code)
		require.NoError(t, err)
		for _, c := range communes {
			got, err := geo.CommuneByINSEE(c.INSEE)
			require.NoError(t, err)
			require.Equal(t, c, got)
		}
	}
	for _, code := range []string{"", "6938", "693830", "2C004", "A2004", "69 83", "６９３８３"} {
		_, err := geo.CommuneByINSEE(code)
		requireFieldError(t, err, "commune", "The commune code %q is not valid.")
	}
	for _, code := range []string{"00000", "69999", "20004", "99138"} {
		_, err := geo.CommuneByINSEE(code)
		requireFieldError(t, err, "commune", "The commune %q does not exist.")
	}
}

func BenchmarkCommuneByINSEE(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := geo.CommuneByINSEE("69383"); err != nil {
			b.Fatal(err)
		}
	}
}
