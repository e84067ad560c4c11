package geo

import (
	"slices"

	"github.com/avenirnet/avenir"
)

// Addresses checks French addresses against the postal-code base. It is the
// membership.Geography a network gives its membership service, so that a
// member's postal code exists and their commune carries it.
type Addresses struct{}

// CheckPostalCode returns an invalid-input error when the postal code does
// not exist, or when commune (an INSEE code, optional) does not carry it.
func (Addresses) CheckPostalCode(postalCode, commune string) error {
	communes, err := CommunesByPostalCode(postalCode)
	if err != nil {
		return err
	}
	if commune == "" {
		return nil
	}
	for _, c := range communes {
		if c.INSEE == commune {
			return nil
		}
	}
	return avenir.FieldError("commune", "The commune %q does not carry the postal code %q.", commune, postalCode)
}

// DepartmentPostalCodes returns the postal codes of the department's
// communes, sorted. A postal code that spans two departments is listed for
// both: telling their people apart takes the commune.
func (Addresses) DepartmentPostalCodes(department string) ([]string, error) {
	communes, err := DepartmentCommunes(department)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var codes []string
	for _, c := range communes {
		for _, pc := range c.PostalCodes {
			if !seen[pc] {
				seen[pc] = true
				codes = append(codes, pc)
			}
		}
	}
	slices.Sort(codes)
	return codes, nil
}
