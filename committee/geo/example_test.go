package geo_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/committee/geo"
)

// A postal code may cover communes of two departments: each commune comes
// with its own, read from its INSEE code.
func ExampleCommunesByPostalCode() {
	communes, err := geo.CommunesByPostalCode("01200")
	if err != nil {
		panic(err)
	}
	for _, c := range communes {
		fmt.Println(c.INSEE, c.Name, c.Department)
	}

	_, err = geo.CommunesByPostalCode("00000")
	fmt.Println(avenir.ErrorCode(err), avenir.Message(err, language.French))
	// Output:
	// 01044 BILLIAT 01
	// 01104 CHEZERY FORENS 01
	// 01114 CONFORT 01
	// 74109 ELOISE 74
	// 01189 INJOUX GENISSIAT 01
	// 01209 LEAZ 01
	// 01257 MONTANGES 01
	// 01033 VALSERHONE 01
	// 01448 VILLES 01
	// invalid Le code postal "00000" n’existe pas.
}

func ExampleDepartmentByCode() {
	d, err := geo.DepartmentByCode("2a")
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s %s (%s)\n", d.Code, d.Name, d.Region.Name)
	// Output:
	// 2A Corse-du-Sud (Corse)
}

func ExampleCountryByCode() {
	c, err := geo.CountryByCode("de")
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Code, c.NameFR, c.NameEN)
	// Output:
	// DE Allemagne Germany
}
