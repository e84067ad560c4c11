// Package geo is the French geography that committees are placed in and
// member addresses are checked against: the 18 regions ([Region]), the 101
// departments ([Department]), the communes and their postal codes
// ([Commune]), and, for members and committees abroad, the countries of the
// world by ISO 3166-1 code ([Country]).
//
// A postal code is not a department. Sixteen postal codes span two
// departments, some communes carry a neighbouring department's postal code,
// and Corsica's codes start with 20 while its departments are 2A and 2B; so
// [CommunesByPostalCode] returns every commune of a code, each with the
// department of its INSEE code, and [PostalCodeDepartments] every
// department of a code.
//
// The data comes from La Poste's official postal-code base ("base
// officielle des codes postaux", 2020 release) and INSEE's Code officiel
// géographique 2020; country names come from CLDR through
// golang.org/x/text/language/display. The generator in internal/gen, run by
// go generate, compiles them into geodata.txt.gz, which is embedded: the
// package reads no file and no network at run time. It loads the data on
// first use and answers every lookup from memory; results are copies that
// callers may change.
//
// Errors are [avenir.Error]s with code invalid and the field at fault
// ("postal_code", "department", "region", "country"), in French and English.
package geo
