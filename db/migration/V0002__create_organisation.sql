-- An organisation that drafts or signs letters. name_key is the name folded for comparison
-- (NFKC, case-folded, inner white space collapsed), so "Human  Rights House" and
-- "human rights house" cannot both exist.
CREATE TABLE organisation (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    name_key    text        NOT NULL,
    country     char(2)     NOT NULL,
    website     text,
    verified_at timestamptz,
    verified_by uuid        REFERENCES account (id),
    created_at  timestamptz NOT NULL,
    CONSTRAINT organisation_name_key_unique UNIQUE (name_key),
    CONSTRAINT organisation_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT organisation_website_length CHECK (char_length(website) <= 500)
);

-- The email domains an organisation uses: a signer whose address is on one of them gets a
-- stronger verification mark.
CREATE TABLE organisation_domain (
    organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    domain          text NOT NULL,
    PRIMARY KEY (organisation_id, domain),
    CONSTRAINT organisation_domain_length CHECK (char_length(domain) <= 253)
);
CREATE INDEX organisation_domain_by_domain ON organisation_domain (domain);

CREATE TABLE membership (
    organisation_id uuid        NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    account_id      uuid        NOT NULL REFERENCES account (id),
    role            text        NOT NULL CHECK (role IN ('OWNER', 'MEMBER')),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (organisation_id, account_id)
);
CREATE INDEX membership_by_account ON membership (account_id);
