-- The letter as the signing pages show it (org.undersigned.letter.SignableLetter), published by
-- the letter feature as a view: the signing feature's statements join it to the invitation they
-- read, so that a signing page reads its invitation and its letter in one round trip instead of
-- two (docs/decisions/0070-one-round-trip-per-signing-read.md). The letter feature reads it too,
-- so the columns are defined once.
CREATE VIEW signable_letter AS
SELECT l.id, l.title, l.language, o.name AS publisher_name, l.state
  FROM letter l
  JOIN organisation o ON o.id = l.publisher_organisation_id;
