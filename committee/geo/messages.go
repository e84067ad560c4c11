package geo

import (
	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// Every error of the package is an invalid-input error about one field:
// "postal_code", "department", "region" or "country". A malformed input and
// a well-formed one that does not exist get different messages.

func errMalformedPostalCode(code string) error {
	return avenir.FieldError("postal_code", "The postal code %q is not valid.", code)
}

func errUnknownPostalCode(code string) error {
	return avenir.FieldError("postal_code", "The postal code %q does not exist.", code)
}

func errMalformedCommune(code string) error {
	return avenir.FieldError("commune", "The commune code %q is not valid.", code)
}

func errUnknownCommune(code string) error {
	return avenir.FieldError("commune", "The commune %q does not exist.", code)
}

func errUnknownDepartment(code string) error {
	return avenir.FieldError("department", "The department %q does not exist.", code)
}

func errUnknownRegion(code string) error {
	return avenir.FieldError("region", "The region %q does not exist.", code)
}

func errMalformedCountry(code string) error {
	return avenir.FieldError("country", "The country %q is not valid.", code)
}

func errUnknownCountry(code string) error {
	return avenir.FieldError("country", "The country %q does not exist.", code)
}

func init() {
	// "The postal code %q is not valid." and "The country %q is not valid."
	// are also membership's keys, with the same translations.
	avenir.SetMessages(language.French, map[string]string{
		"The commune %q does not carry the postal code %q.": "La commune %q n’a pas le code postal %q.",
		"The postal code %q is not valid.":                  "Le code postal %q n’est pas valide.",
		"The postal code %q does not exist.":                "Le code postal %q n’existe pas.",
		"The commune code %q is not valid.":                 "Le code commune %q n’est pas valide.",
		"The commune %q does not exist.":                    "La commune %q n’existe pas.",
		"The department %q does not exist.":                 "Le département %q n’existe pas.",
		"The region %q does not exist.":                     "La région %q n’existe pas.",
		"The country %q is not valid.":                      "Le pays %q n’est pas valide.",
		"The country %q does not exist.":                    "Le pays %q n’existe pas.",
	})
}
