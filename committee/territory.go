package committee

import (
	"errors"
	"slices"
	"strings"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
	"github.com/avenirnet/avenir/text"
)

// Territory is the ground a committee covers. Which list is used depends on
// the committee's kind: a federation covers departments (INSEE codes such as
// "69" or "2A"), a local committee communes (INSEE commune codes, so that a
// district of Paris, Lyon or Marseille is an arrondissement such as
// "75111"), a committee abroad countries (ISO 3166-1 alpha-2 codes, never
// "FR"). The national committee covers everything and lists nothing.
type Territory struct {
	Departments []string `json:"departments,omitempty"`
	Communes    []string `json:"communes,omitempty"`
	Countries   []string `json:"countries,omitempty"`
}

// MaxTerritoryCodes bounds the codes of one territory (a federation of the
// communes of several departments still fits).
const MaxTerritoryCodes = 2000

// IsZero reports whether the territory lists nothing.
func (t Territory) IsZero() bool {
	return len(t.Departments) == 0 && len(t.Communes) == 0 && len(t.Countries) == 0
}

// Size is the number of codes listed: a smaller territory is nearer to a
// place than a larger one of the same kind.
func (t Territory) Size() int { return len(t.Departments) + len(t.Communes) + len(t.Countries) }

// normalize trims and upper-cases the codes, then sorts them and drops
// duplicates, so that two territories compare by value.
func (t *Territory) normalize() error {
	for _, list := range []*[]string{&t.Departments, &t.Communes, &t.Countries} {
		out := make([]string, 0, len(*list))
		for _, c := range *list {
			if c = strings.ToUpper(strings.TrimSpace(c)); c != "" {
				out = append(out, c)
			}
		}
		slices.Sort(out)
		*list = slices.Compact(out)
		if len(*list) == 0 {
			*list = nil
		}
	}
	if t.Size() > MaxTerritoryCodes {
		return avenir.FieldError("territory", "A territory lists at most %d codes.", MaxTerritoryCodes)
	}
	return nil
}

// union returns the codes of both territories.
func (t Territory) union(o Territory) Territory {
	u := Territory{
		Departments: append(slices.Clone(t.Departments), o.Departments...),
		Communes:    append(slices.Clone(t.Communes), o.Communes...),
		Countries:   append(slices.Clone(t.Countries), o.Countries...),
	}
	_ = u.normalize() // only sorts: the bound is checked by validate
	return u
}

// validate checks that the territory has the form the kind needs and that
// every code exists. It is a pure function of its inputs and of the
// embedded geography.
func (t Territory) validate(kind Kind) error {
	var (
		want  []string
		other bool
	)
	switch kind {
	case National:
		if !t.IsZero() {
			return avenir.FieldError("territory", "The national committee covers everything: its territory lists nothing.")
		}
		return nil
	case Federation:
		want, other = t.Departments, len(t.Communes)+len(t.Countries) > 0
	case Local:
		want, other = t.Communes, len(t.Departments)+len(t.Countries) > 0
	case Abroad:
		want, other = t.Countries, len(t.Departments)+len(t.Communes) > 0
	default:
		return avenir.FieldError("kind", "The committee kind %q is not known.", text.Truncate(string(kind), 20))
	}
	if len(want) == 0 || other {
		return avenir.FieldError("territory", territoryForm[kind])
	}
	if t.Size() > MaxTerritoryCodes {
		return avenir.FieldError("territory", "A territory lists at most %d codes.", MaxTerritoryCodes)
	}
	for _, code := range want {
		var err error
		switch kind {
		case Federation:
			_, err = geo.DepartmentByCode(code)
		case Local:
			_, err = geo.CommuneByINSEE(code)
		case Abroad:
			if code == "FR" {
				return avenir.FieldError("territory", "A committee abroad cannot cover France.")
			}
			_, err = geo.CountryByCode(code)
		}
		if err != nil {
			return asTerritoryError(err)
		}
	}
	return nil
}

// territoryForm says, for each kind, what its territory lists.
var territoryForm = map[Kind]string{
	Federation: "A federation covers one or more departments, and nothing else.",
	Local:      "A local committee covers one or more communes (INSEE codes), and nothing else.",
	Abroad:     "A committee abroad covers one or more countries, and nothing else.",
}

// asTerritoryError moves a geography error onto the territory field,
// keeping its message.
func asTerritoryError(err error) error {
	var e *avenir.Error
	if errors.As(err, &e) {
		return &avenir.Error{Code: e.Code, Key: e.Key, Args: e.Args, Field: "territory"}
	}
	return err
}

// allowedParent reports whether a committee of kind child may sit under one
// of kind parent: federations and committees abroad under the national
// committee, local committees under a federation (or a local committee, for
// the districts of a town), committees abroad under another one (a country
// within a group of countries).
func allowedParent(child, parent Kind) bool {
	switch child {
	case Federation:
		return parent == National
	case Local:
		return parent == Federation || parent == Local
	case Abroad:
		return parent == National || parent == Abroad
	}
	return false
}

// checkPlace checks that a committee of kind with territory t may sit under
// parent: the kinds fit and the territory lies inside the parent's. It is
// the rule every create, update, move and merge applies to each committee it
// places.
func checkPlace(kind Kind, t Territory, parent Committee) error {
	if kind == National {
		return avenir.FieldError("parent", "The national committee has no parent.")
	}
	if !allowedParent(kind, parent.Kind) {
		return avenir.FieldError("parent", "A committee of kind %q cannot sit under one of kind %q.", string(kind), string(parent.Kind))
	}
	if !parent.Active() {
		return avenir.FieldError("parent", "The committee %q is archived.", parent.Name)
	}
	switch {
	case parent.Kind == National:
		return nil
	case kind == Local && parent.Kind == Federation:
		for _, code := range t.Communes {
			c, err := geo.CommuneByINSEE(code)
			if err != nil {
				return asTerritoryError(err)
			}
			if !slices.Contains(parent.Territory.Departments, c.Department) {
				return avenir.FieldError("territory", "The commune %s (%s) lies outside the territory of %q.", c.Name, c.INSEE, parent.Name)
			}
		}
	case kind == Local:
		for _, code := range t.Communes {
			if !slices.Contains(parent.Territory.Communes, code) {
				return avenir.FieldError("territory", "The commune %s lies outside the territory of %q.", code, parent.Name)
			}
		}
	case kind == Abroad:
		for _, code := range t.Countries {
			if !slices.Contains(parent.Territory.Countries, code) {
				return avenir.FieldError("territory", "The country %s lies outside the territory of %q.", code, parent.Name)
			}
		}
	}
	return nil
}

// coversCommune reports whether the committee's territory covers the
// commune. The national committee covers every commune.
func (c Committee) coversCommune(commune geo.Commune) bool {
	switch c.Kind {
	case National:
		return true
	case Federation:
		return slices.Contains(c.Territory.Departments, commune.Department)
	case Local:
		return slices.Contains(c.Territory.Communes, commune.INSEE)
	}
	return false
}

// coversCountry reports whether the committee's territory covers a country
// abroad. The national committee covers them all.
func (c Committee) coversCountry(country string) bool {
	switch c.Kind {
	case National:
		return true
	case Abroad:
		return slices.Contains(c.Territory.Countries, country)
	}
	return false
}
