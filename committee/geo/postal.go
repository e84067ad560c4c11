package geo

import "strings"

// Commune is a French commune as La Poste's postal-code base knows it.
//
// Name is the base's: uppercase ASCII without accents or hyphens, "ST" and
// "STE" for Saint and Sainte ("HAUTEVILLE SUR MER", "ST DENIS"); Paris,
// Marseille and Lyon are listed by arrondissement ("PARIS 01", INSEE code
// 75101).
//
// Department is the code of the department the commune is in, read from
// its INSEE code, never from its postal code: a postal code may belong to a
// neighbouring department (Paray-Vieille-Poste, Essonne, has 94390). For the
// communes of the overseas collectivities, which are not departments, it is
// the collectivity's code ("975", "977", "978", "986", "987", "988", "989"),
// which [DepartmentByCode] does not know.
type Commune struct {
	INSEE       string   // INSEE code: 5 characters, "2A004" in Corsica
	Name        string   // as in La Poste's base
	Department  string   // department (or overseas collectivity) code
	PostalCodes []string // every postal code of the commune, ascending
}

// CommunesByPostalCode returns every commune that carries the postal code,
// sorted by name in French collation. A postal code may cover communes of
// two departments (05110, 33220, …): each commune carries its own.
//
// A code that is not five digits is an invalid-input error on the field
// "postal_code", and so is a well-formed code that does not exist ("00000";
// also 98000, Monaco's, which is not in France): never an empty list.
func CommunesByPostalCode(code string) ([]Commune, error) {
	pc, err := lookupPostalCode(code)
	if err != nil {
		return nil, err
	}
	return data().communesAt(pc.communes), nil
}

// PostalCodeDepartments returns the codes of the departments (or overseas
// collectivities) the postal code covers, sorted: one for almost every
// code, two for the 16 that span two departments. Errors are those of
// [CommunesByPostalCode].
func PostalCodeDepartments(code string) ([]string, error) {
	pc, err := lookupPostalCode(code)
	if err != nil {
		return nil, err
	}
	return append([]string(nil), pc.departments...), nil
}

// DepartmentCommunes returns the communes of the department, sorted by name
// in French collation. An unknown code is an invalid-input error on the
// field "department".
func DepartmentCommunes(code string) ([]Commune, error) {
	d, err := DepartmentByCode(code)
	if err != nil {
		return nil, err
	}
	t := data()
	return t.communesAt(t.byDept[d.Code]), nil
}

// CommuneByINSEE returns the commune with the INSEE code ("69383", "2A004"),
// in either case for Corsica's letter. A code that is not five characters
// of the INSEE form is an invalid-input error on the field "commune", and so
// is one that names no commune of La Poste's base.
func CommuneByINSEE(code string) (Commune, error) {
	if !wellFormedINSEE(code) {
		return Commune{}, errMalformedCommune(code)
	}
	t := data()
	i, ok := t.byINSEE[strings.ToUpper(code)]
	if !ok {
		return Commune{}, errUnknownCommune(code)
	}
	return t.communesAt([]int32{i})[0], nil
}

// wellFormedINSEE reports whether code has the form of an INSEE commune
// code: five digits, or 2A/2B and three digits.
func wellFormedINSEE(code string) bool {
	if len(code) != 5 {
		return false
	}
	for i := range len(code) {
		c := code[i]
		if i == 1 && code[0] == '2' && (c == 'A' || c == 'B' || c == 'a' || c == 'b') {
			continue
		}
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// ValidPostalCode reports whether code is five digits and a French postal
// code in use.
func ValidPostalCode(code string) bool {
	_, ok := data().byPostal[code]
	return ok && wellFormedPostalCode(code)
}

func lookupPostalCode(code string) (postalCode, error) {
	if !wellFormedPostalCode(code) {
		return postalCode{}, errMalformedPostalCode(code)
	}
	pc, ok := data().byPostal[code]
	if !ok {
		return postalCode{}, errUnknownPostalCode(code)
	}
	return pc, nil
}

func wellFormedPostalCode(code string) bool {
	if len(code) != 5 {
		return false
	}
	for i := range len(code) {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return true
}
