-- Failures (wrong passwords, codes, guessed links) per account, per client, per link. Keys are HMAC-SHA256 digests under a key that
-- lives outside the database: no raw IP address or email is stored here.
CREATE TABLE throttle (
    key_hash      bytea       PRIMARY KEY,
    failures      integer     NOT NULL,
    first_failure timestamptz NOT NULL,
    blocked_until timestamptz
);
