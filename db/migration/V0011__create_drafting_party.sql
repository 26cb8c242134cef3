-- Who drafts a letter: whole organisations (every member) or single people, as editors or
-- commenters. The publishing organisation is always an editor party.
CREATE TABLE drafting_party (
    id              uuid        PRIMARY KEY,
    letter_id       uuid        NOT NULL REFERENCES letter (id),
    organisation_id uuid        REFERENCES organisation (id) ON DELETE CASCADE,
    account_id      uuid        REFERENCES account (id),
    role            text        NOT NULL CHECK (role IN ('EDITOR', 'COMMENTER')),
    added_by        uuid        NOT NULL REFERENCES account (id),
    added_at        timestamptz NOT NULL,
    CONSTRAINT drafting_party_one_kind CHECK ((organisation_id IS NULL) <> (account_id IS NULL)),
    CONSTRAINT drafting_party_organisation_once UNIQUE (letter_id, organisation_id),
    CONSTRAINT drafting_party_account_once UNIQUE (letter_id, account_id)
);
CREATE INDEX drafting_party_by_organisation ON drafting_party (organisation_id);
CREATE INDEX drafting_party_by_account ON drafting_party (account_id);
