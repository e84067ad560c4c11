// Package avenir is the shared vocabulary of Avenir, an embeddable library for
// the social networks of political movements: members, thematic forums, local
// committees and solidarity actions.
//
// This package holds only what every other package of the module speaks of,
// and imports none of them:
//
//   - [Error] and its [Code]s (invalid, not_found, forbidden, …), with messages
//     for people in French and English ([Localize], [MatchLanguage]);
//   - [ID], a time-ordered UUIDv7 that is never a guessable sequence;
//   - [Actor], the person acting, with a membership [Status] and scoped
//     [Grant]s, and [Audience], who may see a piece of content
//     ([Audience.Allows] is the one rule, a pure function);
//   - [Cursor] and [PageRequest] for keyset pagination;
//   - [Clock], the injected source of time, and [Event], the domain event
//     recorded in the outbox in the same transaction as the change it reports.
//
// The domain packages (membership, committee, forum, solidarity, network) build
// on this vocabulary; storage implements their stores with bun.
package avenir
