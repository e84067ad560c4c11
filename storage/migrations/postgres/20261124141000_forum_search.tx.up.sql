-- French full-text search of forum posts: a text search configuration
-- avenir_french (PostgreSQL's french, with accents removed by unaccent
-- before stemming), a stored tsvector (the thread's title, weight A, on its
-- first post; the body, weight B) and a GIN index.
CREATE EXTENSION IF NOT EXISTS unaccent;
--bun:split
CREATE TEXT SEARCH CONFIGURATION avenir_french (COPY = french);
--bun:split
ALTER TEXT SEARCH CONFIGURATION avenir_french
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
--bun:split
ALTER TABLE avenir_forum_posts ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('avenir_french'::regconfig, title), 'A') ||
    setweight(to_tsvector('avenir_french'::regconfig, body), 'B')
) STORED;
--bun:split
CREATE INDEX avenir_forum_posts_search_idx ON avenir_forum_posts USING gin (search);
