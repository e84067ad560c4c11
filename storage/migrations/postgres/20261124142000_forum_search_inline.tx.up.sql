-- Keep each post's search vector in its row (compressed if need be) and let
-- TOAST move the body and its HTML out of line instead: ranking reads every
-- match's vector, and one out of line costs a TOAST lookup for each match
-- (a search's time tripled on a million posts; docs/performance.md).
ALTER TABLE avenir_forum_posts ALTER COLUMN search SET STORAGE MAIN;
