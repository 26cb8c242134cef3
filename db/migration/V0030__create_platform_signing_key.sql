-- The platform's Ed25519 key that signs published manifests. The private key is sealed
-- (AES-GCM) under the key file outside the database; the public key is served at
-- /.well-known/undersigned-signing-key. Retired keys stay so that old manifests still verify.
CREATE TABLE platform_signing_key (
    key_id             text        PRIMARY KEY,
    public_key         bytea       NOT NULL,
    private_key_sealed bytea       NOT NULL,
    created_at         timestamptz NOT NULL,
    retired_at         timestamptz
);
