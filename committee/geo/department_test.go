package geo_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/committee/geo"
)

func TestDepartmentByCode(t *testing.T) {
	auvergne := geo.Region{Code: "84", Name: "Auvergne-Rhône-Alpes"}
	corse := geo.Region{Code: "94", Name: "Corse"}
	tests := []struct {
		code string
		want geo.Department
	}{
		{"69", geo.Department{Code: "69", Name: "Rhône", Region: auvergne}},
		{"01", geo.Department{Code: "01", Name: "Ain", Region: auvergne}},
		{"2A", geo.Department{Code: "2A", Name: "Corse-du-Sud", Region: corse}},
		{"2a", geo.Department{Code: "2A", Name: "Corse-du-Sud", Region: corse}},
		{"2B", geo.Department{Code: "2B", Name: "Haute-Corse", Region: corse}},
		{"2b", geo.Department{Code: "2B", Name: "Haute-Corse", Region: corse}},
		{"75", geo.Department{Code: "75", Name: "Paris", Region: geo.Region{Code: "11", Name: "Île-de-France"}}},
		{"95", geo.Department{Code: "95", Name: "Val-d'Oise", Region: geo.Region{Code: "11", Name: "Île-de-France"}}},
		{"971", geo.Department{Code: "971", Name: "Guadeloupe", Region: geo.Region{Code: "01", Name: "Guadeloupe"}}},
		{"974", geo.Department{Code: "974", Name: "La Réunion", Region: geo.Region{Code: "04", Name: "La Réunion"}}},
		{"976", geo.Department{Code: "976", Name: "Mayotte", Region: geo.Region{Code: "06", Name: "Mayotte"}}},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			got, err := geo.DepartmentByCode(tt.code)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDepartmentByCodeUnknown(t *testing.T) {
	// "20" was Corsica's code until 1976; 975 and 977 are overseas
	// collectivities, not departments.
	for _, code := range []string{"00", "20", "96", "975", "977", "987", "2C", "6", "069", "69 ", " 69", "", "Rhône"} {
		t.Run(code, func(t *testing.T) {
			_, err := geo.DepartmentByCode(code)
			requireFieldError(t, err, "department", "The department %q does not exist.")
			_, err = geo.DepartmentCommunes(code)
			requireFieldError(t, err, "department", "The department %q does not exist.")
		})
	}
}

func TestDepartments(t *testing.T) {
	depts := geo.Departments()
	require.Len(t, depts, 101)
	codes := make([]string, len(depts))
	for i, d := range depts {
		codes[i] = d.Code
		got, err := geo.DepartmentByCode(d.Code)
		require.NoError(t, err)
		assert.Equal(t, d, got)
		assert.NotEmpty(t, d.Name)
		region, err := geo.RegionByCode(d.Region.Code)
		require.NoError(t, err)
		assert.Equal(t, d.Region, region)
	}
	assert.True(t, slices.IsSorted(codes))
	assert.Equal(t, "01", codes[0])
	assert.Equal(t, "976", codes[len(codes)-1])
	i := slices.Index(codes, "2A")
	assert.Equal(t, []string{"29", "2A", "2B", "30"}, codes[i-1:i+3])
	assert.NotContains(t, codes, "20")
	assert.NotContains(t, codes, "975")
}

func TestRegions(t *testing.T) {
	regions := geo.Regions()
	require.Len(t, regions, 18)
	var metropolitan, overseas, depts int
	for _, r := range regions {
		// INSEE numbers the overseas regions 01 to 06, the others from 11.
		if r.Code < "10" {
			overseas++
			assert.Len(t, r.Departments(), 1, "overseas region %s is one department", r.Code)
		} else {
			metropolitan++
		}
		for _, d := range r.Departments() {
			assert.Equal(t, r, d.Region)
		}
		depts += len(r.Departments())
	}
	assert.Equal(t, 13, metropolitan)
	assert.Equal(t, 5, overseas)
	assert.Equal(t, 101, depts)
	assert.True(t, slices.IsSortedFunc(regions, func(a, b geo.Region) int {
		return strings.Compare(a.Code, b.Code)
	}))
}

func TestRegionByCode(t *testing.T) {
	tests := []struct {
		code  string
		name  string
		depts []string
	}{
		{"84", "Auvergne-Rhône-Alpes", []string{"01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"}},
		{"94", "Corse", []string{"2A", "2B"}},
		{"11", "Île-de-France", []string{"75", "77", "78", "91", "92", "93", "94", "95"}},
		{"04", "La Réunion", []string{"974"}},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			r, err := geo.RegionByCode(tt.code)
			require.NoError(t, err)
			assert.Equal(t, geo.Region{Code: tt.code, Name: tt.name}, r)
			var codes []string
			for _, d := range r.Departments() {
				codes = append(codes, d.Code)
			}
			assert.Equal(t, tt.depts, codes)
		})
	}
	for _, code := range []string{"00", "05", "99", "", "4"} {
		_, err := geo.RegionByCode(code)
		requireFieldError(t, err, "region", "The region %q does not exist.")
	}
	assert.Empty(t, geo.Region{Code: "99"}.Departments())
}

func TestResultsAreCopies(t *testing.T) {
	geo.Departments()[0].Name = "changed"
	geo.Regions()[0].Name = "changed"
	r, err := geo.RegionByCode("94")
	require.NoError(t, err)
	r.Departments()[0].Code = "changed"
	geo.Countries()[0].NameFR = "changed"
	communes, err := geo.CommunesByPostalCode("75016")
	require.NoError(t, err)
	communes[0].PostalCodes[0] = "changed"
	communes[0].PostalCodes = append(communes[0].PostalCodes, "changed")
	depts, err := geo.PostalCodeDepartments("33220")
	require.NoError(t, err)
	depts[0] = "changed"
	dc, err := geo.DepartmentCommunes("75")
	require.NoError(t, err)
	dc[0].Name = "changed"

	assert.Equal(t, "Ain", geo.Departments()[0].Name)
	assert.Equal(t, "Guadeloupe", geo.Regions()[0].Name)
	assert.Equal(t, "2A", r.Departments()[0].Code)
	assert.Equal(t, "Afghanistan", geo.Countries()[0].NameFR)
	communes, err = geo.CommunesByPostalCode("75016")
	require.NoError(t, err)
	assert.Equal(t, []string{"75016", "75116"}, communes[0].PostalCodes)
	depts, err = geo.PostalCodeDepartments("33220")
	require.NoError(t, err)
	assert.Equal(t, []string{"24", "33"}, depts)
	dc, err = geo.DepartmentCommunes("75")
	require.NoError(t, err)
	assert.Equal(t, "PARIS 01", dc[0].Name)
}

func BenchmarkDepartmentByCode(b *testing.B) {
	for _, code := range []string{"69", "2a", "974"} {
		b.Run(code, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := geo.DepartmentByCode(code); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
