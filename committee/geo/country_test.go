package geo_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/avenirnet/avenir/committee/geo"
)

func TestCountryByCode(t *testing.T) {
	tests := []struct {
		code string
		want geo.Country
	}{
		{"DE", geo.Country{Code: "DE", NameFR: "Allemagne", NameEN: "Germany"}},
		{"de", geo.Country{Code: "DE", NameFR: "Allemagne", NameEN: "Germany"}},
		{"dE", geo.Country{Code: "DE", NameFR: "Allemagne", NameEN: "Germany"}},
		{"FR", geo.Country{Code: "FR", NameFR: "France", NameEN: "France"}},
		{"EG", geo.Country{Code: "EG", NameFR: "Égypte", NameEN: "Egypt"}},
		{"CI", geo.Country{Code: "CI", NameFR: "Côte d’Ivoire", NameEN: "Côte d’Ivoire"}},
		{"MC", geo.Country{Code: "MC", NameFR: "Monaco", NameEN: "Monaco"}},
		{"US", geo.Country{Code: "US", NameFR: "États-Unis", NameEN: "United States"}},
		{"GB", geo.Country{Code: "GB", NameFR: "Royaume-Uni", NameEN: "United Kingdom"}},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			got, err := geo.CountryByCode(tt.code)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCountryByCodeErrors(t *testing.T) {
	// Well-formed but not officially assigned: private use (QQ, ZZ, XK for
	// Kosovo), exceptionally reserved (UK, EU, FX).
	for _, code := range []string{"QQ", "ZZ", "XK", "UK", "EU", "FX", "AA"} {
		_, err := geo.CountryByCode(code)
		requireFieldError(t, err, "country", "The country %q does not exist.")
	}
	for _, code := range []string{"", "D", "DEU", "D1", "12", "É", "D ", "fra"} {
		_, err := geo.CountryByCode(code)
		requireFieldError(t, err, "country", "The country %q is not valid.")
	}
}

func TestCountries(t *testing.T) {
	countries := geo.Countries()
	require.Len(t, countries, 249)
	var fr []string
	codes := map[string]bool{}
	for _, c := range countries {
		fr = append(fr, c.NameFR)
		assert.False(t, codes[c.Code], "%s twice", c.Code)
		codes[c.Code] = true
		got, err := geo.CountryByCode(c.Code)
		require.NoError(t, err)
		assert.Equal(t, c, got)
		assert.NotEmpty(t, c.NameEN)
	}
	assert.True(t, codes["FR"])
	ok, at := frenchOrder(fr)
	assert.True(t, ok, "not in French order at %d (%s)", at, fr[at])

	// É sorts with E, not after Z as it would byte by byte.
	i := slices.Index(fr, "Égypte")
	require.Positive(t, i)
	assert.Equal(t, []string{"Dominique", "Égypte", "Émirats arabes unis", "Équateur", "Érythrée", "Espagne"}, fr[i-1:i+5])
	j := slices.Index(fr, "États-Unis")
	assert.Equal(t, []string{"Estonie", "État de la Cité du Vatican", "États fédérés de Micronésie", "États-Unis", "Éthiopie", "Fidji"}, fr[j-3:j+3])
	assert.Equal(t, "Afghanistan", fr[0])
	assert.Equal(t, "Zimbabwe", fr[len(fr)-1])
}
