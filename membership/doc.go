// Package membership owns the people of a network: who they are (a [Member]
// and their profile, with per-field visibility), where they stand (the
// lifecycle of [avenir.Status], one table of allowed transitions, each
// transition recorded with who, when and why), their dues ([Policy],
// [Payment]), their roles ([Grant]), what they agreed to ([Consent]), and how
// they sign in (argon2id passwords, single-use links, sessions, throttling).
//
// Party membership reveals a political opinion: it is special-category
// personal data under GDPR art. 9. Contact details are shown only where the
// member chose, and every view of them by someone else is written to an
// audit record.
//
// A [Service] holds the rules and workflows and is the only entry point a
// program needs; it stores through a [Store], which the storage package
// implements on PostgreSQL and SQLite.
package membership
