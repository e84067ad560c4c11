// Package committee owns the territorial tree of a network's committees
// (national, federations, local committees, committees abroad), its
// geography (departments, regions, postal codes, countries), members'
// affiliations, animators, and the events and field operations committees
// organise, with RSVPs.
//
// The package is being built: for now it holds this description.
package committee
