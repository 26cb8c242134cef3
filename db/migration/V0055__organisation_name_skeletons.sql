-- What an organisation's name looks like (Unicode UTS #39 skeletons, computed by the app with
-- ICU4J: base/Names), so that a name that can be mistaken for a registered one ("Аmnesty" with a
-- Cyrillic А, "PayPaI" with a capital I) cannot be registered too. name_skeleton is the skeleton
-- of the case-folded name_key, name_skeleton_cased that of the name as written. Both stay NULL
-- for rows made before this migration until V0056 fills them (and for a pair that already
-- clashed then, see docs/decisions/0061-confusable-names.md); unique indexes ignore NULLs.
ALTER TABLE organisation ADD COLUMN name_skeleton text;
ALTER TABLE organisation ADD COLUMN name_skeleton_cased text;
CREATE UNIQUE INDEX organisation_name_skeleton_unique ON organisation (name_skeleton);
CREATE UNIQUE INDEX organisation_name_skeleton_cased_unique ON organisation (name_skeleton_cased);
