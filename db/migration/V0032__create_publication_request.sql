-- A published letter's files belong to a letter (V0031 left the reference out).
ALTER TABLE publication
    ADD CONSTRAINT publication_letter FOREIGN KEY (letter_id) REFERENCES letter (id);

-- Each time a team asks for publication: who asked, for which locked list (its SHA-256), and
-- what an administrator decided (see docs/decisions/0030-publication-review.md). At most one
-- request per letter is undecided; an approval may name a later time (embargo), and the
-- scheduled job publishes it then. Rows are kept after the decision: they are the review history.
CREATE TABLE publication_request (
    id                         uuid        PRIMARY KEY,
    letter_id                  uuid        NOT NULL REFERENCES letter (id),
    requested_by               uuid        NOT NULL REFERENCES account (id),
    requesting_organisation_id uuid        NOT NULL REFERENCES organisation (id),
    requested_at               timestamptz NOT NULL,
    list_sha256                text        NOT NULL CHECK (list_sha256 ~ '^[0-9a-f]{64}$'),
    decision                   text        CHECK (decision IN ('APPROVED', 'REJECTED')),
    decided_by                 uuid        REFERENCES account (id),
    decided_at                 timestamptz,
    note                       text        CHECK (char_length(note) <= 4000),
    publish_at                 timestamptz,
    published_at               timestamptz,
    CONSTRAINT publication_request_decided CHECK ((decision IS NULL) = (decided_by IS NULL AND decided_at IS NULL)),
    CONSTRAINT publication_request_embargo CHECK (publish_at IS NULL OR decision = 'APPROVED'),
    CONSTRAINT publication_request_four_eyes CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
CREATE UNIQUE INDEX publication_request_one_open ON publication_request (letter_id)
    WHERE decision IS NULL OR (decision = 'APPROVED' AND published_at IS NULL);
CREATE INDEX publication_request_by_letter ON publication_request (letter_id, requested_at DESC);
CREATE INDEX publication_request_due ON publication_request (publish_at)
    WHERE decision = 'APPROVED' AND published_at IS NULL;
