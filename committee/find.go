package committee

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/membership"
)

var errNoMembers = errors.New("committee: the Service has no membership service (Config.Members)")

// Place is where a person lives, as much as finding their committee needs:
// in France a postal code, or a commune (INSEE code), or both (the commune
// chosen among those of the postal code); abroad a country.
type Place struct {
	PostalCode string `json:"postal_code,omitempty"`
	Commune    string `json:"commune,omitempty"`
	Country    string `json:"country,omitempty"` // ISO 3166-1 alpha-2; empty or "FR" for France
}

// Choice is one commune a postal code covers, with its department, for a
// person to pick theirs.
type Choice struct {
	Commune    geo.Commune    `json:"commune"`
	Department geo.Department `json:"department"` // zero for an overseas collectivity
}

// Found is the answer to "which committee is mine?".
type Found struct {
	// Committees are the active committees whose territory covers the
	// place, nearest first: local committees (the smallest territory
	// first), then the federation, then the national committee. When the
	// place is a postal code of several communes and none was chosen, they
	// are the committees that cover all of them.
	Committees []Committee `json:"committees"`
	// Choices lists the communes of the postal code when it covers more
	// than one and none was chosen: the person picks theirs (and finds
	// again with its Commune) to get the committees of their commune.
	Choices []Choice `json:"choices,omitempty"`
	// Commune is the commune the answer is for, when it is known.
	Commune *geo.Commune `json:"commune,omitempty"`
	// Country is the country abroad the answer is for.
	Country *geo.Country `json:"country,omitempty"`
}

// Nearest returns the nearest committee, and false when none covers the
// place (a network without a national committee).
func (f Found) Nearest() (Committee, bool) {
	if len(f.Committees) == 0 {
		return Committee{}, false
	}
	return f.Committees[0], true
}

// Find returns the committees whose territory covers a place, nearest
// first. An unknown or malformed postal code, commune or country is an
// invalid error on its field, never an empty answer.
func (s *Service) Find(ctx context.Context, p Place) (Found, error) {
	p.PostalCode = strings.TrimSpace(p.PostalCode)
	p.Commune = strings.ToUpper(strings.TrimSpace(p.Commune))
	p.Country = strings.ToUpper(strings.TrimSpace(p.Country))
	if p.Country != "" && p.Country != "FR" {
		return s.findAbroad(ctx, p.Country)
	}
	var (
		candidates []geo.Commune
		out        Found
	)
	switch {
	case p.Commune != "":
		c, err := geo.CommuneByINSEE(p.Commune)
		if err != nil {
			return Found{}, err
		}
		if p.PostalCode != "" {
			if err := (geo.Addresses{}).CheckPostalCode(p.PostalCode, c.INSEE); err != nil {
				return Found{}, err
			}
		}
		candidates = []geo.Commune{c}
	case p.PostalCode != "":
		communes, err := geo.CommunesByPostalCode(p.PostalCode)
		if err != nil {
			return Found{}, err
		}
		candidates = communes
	default:
		return Found{}, avenir.FieldError("postal_code", "A postal code is required.")
	}
	var communes, departments []string
	for _, c := range candidates {
		communes = append(communes, c.INSEE)
		if !slices.Contains(departments, c.Department) {
			departments = append(departments, c.Department)
		}
	}
	covering, err := s.store.Covering(ctx, communes, departments, nil)
	if err != nil {
		return Found{}, err
	}
	for _, c := range covering {
		all := true
		for _, commune := range candidates {
			all = all && c.coversCommune(commune)
		}
		if all {
			out.Committees = append(out.Committees, c)
		}
	}
	if len(candidates) == 1 {
		out.Commune = &candidates[0]
	} else {
		for _, c := range candidates {
			d, _ := geo.DepartmentByCode(c.Department) // zero for an overseas collectivity
			out.Choices = append(out.Choices, Choice{Commune: c, Department: d})
		}
	}
	sortNearest(out.Committees)
	if out.Committees == nil {
		out.Committees = []Committee{}
	}
	return out, nil
}

func (s *Service) findAbroad(ctx context.Context, code string) (Found, error) {
	country, err := geo.CountryByCode(code)
	if err != nil {
		return Found{}, err
	}
	covering, err := s.store.Covering(ctx, nil, nil, []string{country.Code})
	if err != nil {
		return Found{}, err
	}
	out := Found{Committees: []Committee{}, Country: &country}
	for _, c := range covering {
		if c.coversCountry(country.Code) {
			out.Committees = append(out.Committees, c)
		}
	}
	sortNearest(out.Committees)
	return out, nil
}

// nearness ranks kinds: the smaller the ground, the nearer.
var nearness = map[Kind]int{Local: 0, Abroad: 0, Federation: 1, National: 2}

// sortNearest orders committees nearest first: by kind, then the smaller
// territory, then by name.
func sortNearest(list []Committee) {
	slices.SortStableFunc(list, func(a, b Committee) int {
		if d := nearness[a.Kind] - nearness[b.Kind]; d != 0 {
			return d
		}
		if d := a.Territory.Size() - b.Territory.Size(); d != 0 {
			return d
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// Suggest finds the committees of a member's address, nearest first: the
// default primary committee of a new member is the first of them.
func (s *Service) Suggest(ctx context.Context, a membership.Address) (Found, error) {
	return s.Find(ctx, Place{PostalCode: a.PostalCode, Commune: a.Commune, Country: a.Country})
}

// Actor completes an actor built by membership.Service.Actor (or
// Authenticate) with what the committee tree knows: Committees gets the
// member's primary committee, and every animator grant over a committee is
// also listed for each committee below it, so that avenir.Actor.Has and
// Actor.Visibility need no access to the tree. The actor given is not
// changed.
func (s *Service) Actor(ctx context.Context, a avenir.Actor) (avenir.Actor, error) {
	if a.IsAnonymous() {
		return a, nil
	}
	out := a
	out.Grants = slices.Clone(a.Grants)
	out.Committees = slices.Clone(a.Committees)
	aff, err := s.store.OpenAffiliation(ctx, a.ID)
	switch {
	case err == nil:
		if !slices.Contains(out.Committees, aff.Committee) {
			out.Committees = append(out.Committees, aff.Committee)
		}
	case !avenir.IsCode(err, avenir.CodeNotFound):
		return a, err
	}
	has := map[avenir.Grant]bool{}
	for _, g := range out.Grants {
		has[g] = true
	}
	for _, g := range a.Grants {
		if g.Role != avenir.RoleAnimator || g.Scope.Kind != avenir.ScopeCommittee {
			continue
		}
		sub, err := s.store.Subtree(ctx, g.Scope.ID)
		if err != nil && !avenir.IsCode(err, avenir.CodeNotFound) {
			return a, err
		}
		for _, c := range sub {
			derived := avenir.Grant{Role: avenir.RoleAnimator, Scope: avenir.CommitteeScope(c.ID)}
			if !has[derived] {
				has[derived] = true
				out.Grants = append(out.Grants, derived)
			}
		}
	}
	return out, nil
}
