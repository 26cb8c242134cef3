-- What a publication serves, rendered once at approval and never changed afterwards: the
-- public page, the PDF, the plain text and the signed manifest, each with its ETag. Later
-- corrections are dated errata beside them, never edits.
CREATE TABLE publication (
    letter_id      uuid        PRIMARY KEY,
    slug           text        NOT NULL UNIQUE,
    title          text        NOT NULL,
    language       text        NOT NULL,
    published_at   timestamptz NOT NULL,
    page_html      bytea       NOT NULL,
    pdf            bytea       NOT NULL,
    plain_text     bytea       NOT NULL,
    manifest_json  bytea       NOT NULL,
    CONSTRAINT publication_slug_shape CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 120)
);
CREATE INDEX publication_by_time ON publication (published_at DESC);
