package geo

import "slices"

// Country is a country or territory with an ISO 3166-1 alpha-2 code, for
// members and committees abroad, who have no French postal code. The names
// are CLDR's, as golang.org/x/text/language/display gives them.
type Country struct {
	Code   string // ISO 3166-1 alpha-2, uppercase: "DE"
	NameFR string // "Allemagne"
	NameEN string // "Germany"
}

// CountryByCode returns the country with the ISO 3166-1 alpha-2 code, in
// either case ("DE", "de"). France ("FR") is one of them. The 249 officially
// assigned codes are known; user-assigned ones such as XK (Kosovo) are not.
// Anything else is an invalid-input error on the field "country".
func CountryByCode(code string) (Country, error) {
	if len(code) != 2 {
		return Country{}, errMalformedCountry(code)
	}
	var b [2]byte
	for i := range 2 {
		c := code[i]
		switch {
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case 'A' <= c && c <= 'Z':
		default:
			return Country{}, errMalformedCountry(code)
		}
		b[i] = c
	}
	t := data()
	i, ok := t.countryIndex[string(b[:])]
	if !ok {
		return Country{}, errUnknownCountry(code)
	}
	return t.countries[i], nil
}

// Countries returns the 249 countries, sorted by French name in French
// collation (accents sort with their letter: "Égypte" comes between
// "Dominique" and "Émirats arabes unis").
func Countries() []Country {
	return slices.Clone(data().countries)
}
