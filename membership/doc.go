// Package membership owns the people of a network: the member lifecycle
// (supporter, applicant, active, grace, lapsed, suspended, left, erased) and
// its dues, roles and scoped grants, consent records, credentials and
// sessions, and the export and erasure of one member's personal data.
//
// Party membership reveals a political opinion: it is special-category
// personal data under GDPR art. 9, and this package treats it so.
//
// The package is being built: for now it holds this description. The shared
// vocabulary it will use (avenir.Status, avenir.Grant, avenir.Actor) is in
// the root package.
package membership
