// Package forum owns the network's thematic forums: a [Forum] (public,
// registered, members-only, one committee's wall, or its moderators'), its
// threads ([Thread]) and posts ([Post], Markdown in, safe HTML out, with
// kept revisions), the "je soutiens" support of a post, watched threads,
// and moderation with due process: members flag posts, enough flags hide a
// post until a moderator decides, every [Decision] carries a statement of
// reasons that reaches the author, the author may appeal once to a
// different moderator, and a public moderation log ([LogEntry]) shows what
// was decided, why and by which role without re-exposing the content.
// French full-text search ([Service.Search]) ranks and highlights posts.
//
// Who may read or moderate what is decided by pure functions
// ([CanReadForum], [CanRead], [CanModerate]) and, for lists and search, by
// their SQL twin built from [ReaderOf], so that nothing from a forum an actor
// may not read reaches them by any path. A [Service] holds the workflows and
// stores through a [Store], which the storage package implements on
// PostgreSQL and SQLite.
package forum
