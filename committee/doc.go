// Package committee owns the territorial tree of a network's committees and
// what happens in it: who belongs where, who leads, and the events
// committees organise in the field.
//
// The tree has one national [Committee] at its root, federations (one or
// more departments) and committees abroad (one or more countries) under it,
// and local committees (communes, by INSEE code) under the federations. A
// committee's [Territory] lies inside its parent's; [Service.Create],
// [Service.Update], [Service.Move] and [Service.Merge] check it against the
// real geography of committee/geo, and moving or merging keeps members'
// history. A role held at a node applies below it: [Service.Actor] lists an
// animator's grant for every committee under the one it was given on, so
// that avenir.Actor.Has and avenir.Actor.Visibility need no access to the
// tree.
//
// [Service.Find] answers "which committee is mine?" from a [Place] (a postal
// code, a commune, or a country abroad), nearest first, and lets the person
// choose when a postal code covers several communes. Each member has one
// primary committee ([Affiliation]; the database allows no second open one)
// and may follow others; a [Service.Transfer] is recorded with its reason.
// Animators list the members of their committees ([Service.Members]) with
// contact details only where each member consented, every view audited.
//
// Events ([Event]) are meetings, canvassing, market stalls, trainings,
// festivals and online sessions, organised by a committee with others. RSVPs
// ([RSVP]) fill the capacity under a row lock, then a waitlist whose first
// person is promoted, and told, when a place frees; animators check people
// in on the day. Events export to iCalendar (RFC 5545), one by one and as a
// feed per committee.
//
// A [Service] holds the rules and workflows; it stores through a [Store],
// which the storage package implements on PostgreSQL and SQLite.
package committee
