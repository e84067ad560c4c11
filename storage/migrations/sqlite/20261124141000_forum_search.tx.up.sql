-- Full-text search of forum posts on SQLite: an FTS5 table with diacritics
-- removed (unicode61 remove_diacritics 2), kept by the store as posts are
-- written. FTS5 rows are numbered: avenir_forum_search_rows gives each post
-- a stable number (a table's own rowid may change on VACUUM).
CREATE TABLE avenir_forum_search_rows (
    rowid   INTEGER PRIMARY KEY,
    post_id uuid    NOT NULL UNIQUE REFERENCES avenir_forum_posts (id)
);
--bun:split
CREATE VIRTUAL TABLE avenir_forum_search USING fts5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
