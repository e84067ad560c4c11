package geo_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
)

func TestAddressesCheckPostalCode(t *testing.T) {
	tests := []struct {
		name, postal, commune, field string
	}{
		{"known postal code", "69003", "", ""},
		{"commune that carries it", "33220", "24189", ""}, // Fougueyrolles (Dordogne) has a Gironde postal code
		{"commune that does not carry it", "69003", "75101", "commune"},
		{"unknown postal code", "00000", "", "postal_code"},
		{"malformed postal code", "6900", "", "postal_code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := geo.Addresses{}.CheckPostalCode(tt.postal, tt.commune)
			if tt.field == "" {
				assert.NoError(t, err)
				return
			}
			var e *avenir.Error
			if assert.ErrorAs(t, err, &e) {
				assert.Equal(t, avenir.CodeInvalid, e.Code)
				assert.Equal(t, tt.field, e.Field)
				assert.NotEqual(t, e.Localize(language.English), e.Localize(language.French))
			}
		})
	}
}
