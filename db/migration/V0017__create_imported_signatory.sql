-- Signatories found in the signature block of an imported letter, as the person corrected
-- them. Kept for the invitations feature, which turns them into invitations (emails are added
-- there: an imported text never carries them).
CREATE TABLE imported_signatory (
    id           uuid        PRIMARY KEY,
    letter_id    uuid        NOT NULL REFERENCES letter (id),
    position     integer     NOT NULL,
    name         text        NOT NULL,
    role         text,
    organisation text,
    created_by   uuid        NOT NULL REFERENCES account (id),
    created_at   timestamptz NOT NULL,
    CONSTRAINT imported_signatory_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT imported_signatory_role_length CHECK (char_length(role) <= 300),
    CONSTRAINT imported_signatory_organisation_length CHECK (char_length(organisation) <= 300)
);
CREATE INDEX imported_signatory_by_letter ON imported_signatory (letter_id, position);
