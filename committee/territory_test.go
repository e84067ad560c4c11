package committee

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir"
)

// TestTerritoryRules tables the pure territory rules: the form of each
// kind's territory, and which child fits under which parent.
func TestTerritoryRules(t *testing.T) {
	forms := []struct {
		kind  Kind
		t     Territory
		field string // "" when valid
	}{
		{National, Territory{}, ""},
		{National, Territory{Departments: []string{"69"}}, "territory"},
		{Federation, Territory{Departments: []string{"69", "2A", "974"}}, ""},
		{Federation, Territory{}, "territory"},
		{Federation, Territory{Departments: []string{"20"}}, "territory"},
		{Federation, Territory{Departments: []string{"69"}, Communes: []string{"69383"}}, "territory"},
		{Local, Territory{Communes: []string{"69383", "2A004"}}, ""},
		{Local, Territory{Communes: []string{"69999"}}, "territory"},
		{Local, Territory{Communes: []string{"6938"}}, "territory"},
		{Local, Territory{Countries: []string{"DE"}}, "territory"},
		{Abroad, Territory{Countries: []string{"DE", "AT"}}, ""},
		{Abroad, Territory{Countries: []string{"FR"}}, "territory"},
		{Abroad, Territory{Countries: []string{"ZZ"}}, "territory"},
		{"region", Territory{}, "kind"},
	}
	for _, tt := range forms {
		err := tt.t.validate(tt.kind)
		if tt.field == "" {
			assert.NoError(t, err, "%s %+v", tt.kind, tt.t)
			continue
		}
		var e *avenir.Error
		if assert.ErrorAs(t, err, &e, "%s %+v", tt.kind, tt.t) {
			assert.Equal(t, tt.field, e.Field)
			assert.Equal(t, avenir.CodeInvalid, e.Code)
		}
	}

	national := Committee{Kind: National}
	rhone := Committee{Kind: Federation, Name: "Rhône", Territory: Territory{Departments: []string{"69"}}}
	lyon := Committee{Kind: Local, Name: "Lyon", Territory: Territory{Communes: []string{"69381", "69383"}}}
	europe := Committee{Kind: Abroad, Name: "Europe", Territory: Territory{Countries: []string{"AT", "DE"}}}
	archived := rhone
	archived.ArchivedAt = archived.CreatedAt.AddDate(2026, 0, 0)
	places := []struct {
		name   string
		kind   Kind
		t      Territory
		parent Committee
		ok     bool
	}{
		{"a federation under the national committee", Federation, Territory{Departments: []string{"01"}}, national, true},
		{"a federation under a federation", Federation, Territory{Departments: []string{"69"}}, rhone, false},
		{"a local committee in its federation", Local, Territory{Communes: []string{"69266"}}, rhone, true},
		{"a local committee outside its federation", Local, Territory{Communes: []string{"01053"}}, rhone, false},
		{"a local committee under the national one", Local, Territory{Communes: []string{"69266"}}, national, false},
		{"a district in its town", Local, Territory{Communes: []string{"69383"}}, lyon, true},
		{"a district outside its town", Local, Territory{Communes: []string{"69387"}}, lyon, false},
		{"abroad under the national committee", Abroad, Territory{Countries: []string{"JP"}}, national, true},
		{"abroad within its group", Abroad, Territory{Countries: []string{"DE"}}, europe, true},
		{"abroad outside its group", Abroad, Territory{Countries: []string{"IT"}}, europe, false},
		{"abroad under a federation", Abroad, Territory{Countries: []string{"DE"}}, rhone, false},
		{"under an archived committee", Local, Territory{Communes: []string{"69266"}}, archived, false},
		{"the national committee under anything", National, Territory{}, national, false},
	}
	for _, tt := range places {
		err := checkPlace(tt.kind, tt.t, tt.parent)
		assert.Equal(t, tt.ok, err == nil, "%s: %v", tt.name, err)
		if err != nil {
			assert.Equal(t, avenir.CodeInvalid, avenir.ErrorCode(err), tt.name)
		}
	}
}

func TestTerritoryNormalize(t *testing.T) {
	tr := Territory{Departments: []string{" 2a", "69", "69", ""}, Countries: []string{"de", "AT"}}
	assert.NoError(t, tr.normalize())
	assert.Equal(t, Territory{Departments: []string{"2A", "69"}, Countries: []string{"AT", "DE"}}, tr)
	big := Territory{Communes: make([]string, MaxTerritoryCodes+1)}
	for i := range big.Communes {
		big.Communes[i] = fmt.Sprintf("%05d", i)
	}
	assert.Error(t, big.normalize())
}
