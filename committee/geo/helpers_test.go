package geo_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
)

// requireFieldError checks that err is an invalid-input error on field
// whose message is key, and that it reads differently in French.
func requireFieldError(t *testing.T, err error, field, key string) {
	t.Helper()
	var e *avenir.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, avenir.CodeInvalid, e.Code)
	assert.True(t, avenir.IsCode(err, avenir.CodeInvalid))
	assert.Equal(t, field, e.Field)
	assert.Equal(t, key, e.Key)
	en, fr := e.Localize(language.English), e.Localize(language.French)
	assert.NotEqual(t, en, fr, "no French translation of %q", key)
	assert.Equal(t, fmt.Sprintf(key, e.Args...), en)
}

// allPostalCodes scans every five-digit code through the public API and
// returns the known ones, ascending. Brute force over 100,000 codes is a few
// milliseconds, and it tests ValidPostalCode against the tables.
var allPostalCodes = sync.OnceValue(func() []string {
	var codes []string
	for i := range 100000 {
		code := fmt.Sprintf("%05d", i)
		if geo.ValidPostalCode(code) {
			codes = append(codes, code)
		}
	}
	return codes
})

// twoDepartmentCodes returns the postal codes that span more than one
// department, found by scanning the tables.
func twoDepartmentCodes(t *testing.T) map[string][]string {
	t.Helper()
	found := map[string][]string{}
	for _, code := range allPostalCodes() {
		depts, err := geo.PostalCodeDepartments(code)
		require.NoError(t, err, code)
		if len(depts) > 1 {
			found[code] = depts
		}
	}
	return found
}

// frenchOrder reports whether names are in French collation order.
func frenchOrder(names []string) (bool, int) {
	c := collate.New(language.French)
	for i := 1; i < len(names); i++ {
		if c.CompareString(names[i-1], names[i]) > 0 {
			return false, i
		}
	}
	return true, 0
}

func names(communes []geo.Commune) []string {
	out := make([]string, len(communes))
	for i, c := range communes {
		out[i] = c.Name
	}
	return out
}

// collectivities are the overseas collectivities whose communes have
// postal codes but which are not departments.
var collectivities = map[string]bool{
	"975": true, "977": true, "978": true, "986": true, "987": true, "988": true, "989": true,
}
