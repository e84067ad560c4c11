// Package consultation runs participatory consultations: members'
// contributions gathered in a theme forum, amended, supported, merged by a
// drafting group into a motion whose every section cites the contributions
// and amendments it draws from, and a secret vote on the frozen motion.
//
// A [Consultation] moves through phases ([Phase]: contributions, amendments,
// supports, synthesis, vote, closed), by date or by a decision of the
// drafting group; what each phase allows is one table ([Allowed]). A
// [Text] is a contribution or a motion, kept in numbered versions of ordered
// [Section]s; an [Amendment] proposes a new text for one section; supports
// are limited per member; the vote stores ballots under keyed hashes so that
// results can be recounted without saying who voted what (docs/consultations.md).
//
// The [Service] holds the rules and workflows; the storage package
// implements its [Store].
package consultation
