package org.undersigned.publication;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.undersigned.base.PlatformKeys;
import org.undersigned.base.Tokens;

/**
 * The platform's Ed25519 key (JDK {@code Signature.getInstance("Ed25519")}), created on first use
 * and kept in the database with its private half sealed under the key file. The key id is the
 * first 16 hex digits of the SHA-256 of the public key's X.509 encoding.
 */
@Component
public class PlatformSigningKey {

    private static final String SEAL = "ed25519-signing-key";

    /** The public half as published: its id and its X.509 (SubjectPublicKeyInfo) DER encoding. */
    public record PublicPart(String keyId, byte[] x509) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PlatformKeys keys;
    private final Clock clock;
    private volatile KeyPair current;
    private volatile String currentId;

    PlatformSigningKey(JdbcClient jdbc, TransactionTemplate tx, PlatformKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.keys = keys;
        this.clock = clock;
    }

    /** The current public key. */
    public PublicPart publicPart() {
        ensureLoaded();
        return new PublicPart(currentId, current.getPublic().getEncoded());
    }

    /** Signs bytes with the current key. */
    public byte[] sign(byte[] data) {
        ensureLoaded();
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(current.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key with that id, current or retired. */
    public Optional<PublicKey> publicKey(String keyId) {
        return jdbc.sql("SELECT public_key FROM platform_signing_key WHERE key_id = :id")
                .param("id", keyId)
                .query(byte[].class)
                .optional()
                .map(PlatformSigningKey::decodePublic);
    }

    /** Checks an Ed25519 signature. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static String keyIdOf(byte[] x509) {
        return HexFormat.of().formatHex(Tokens.sha256(x509)).substring(0, 16);
    }

    private void ensureLoaded() {
        if (current != null) {
            return;
        }
        synchronized (this) {
            if (current != null) {
                return;
            }
            tx.executeWithoutResult(status -> {
                // Two instances starting together must not both create a key.
                jdbc.sql("SELECT pg_advisory_xact_lock(7413002)").query().listOfRows();
                record Row(String keyId, byte[] publicKey, byte[] privateKeySealed) {}
                var row = jdbc.sql("SELECT key_id, public_key, private_key_sealed FROM platform_signing_key"
                                + " WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1")
                        .query(Row.class)
                        .optional();
                if (row.isPresent()) {
                    current = new KeyPair(
                            decodePublic(row.get().publicKey()),
                            decodePrivate(keys.open(SEAL, row.get().privateKeySealed())));
                    currentId = row.get().keyId();
                    return;
                }
                try {
                    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                    String id = keyIdOf(pair.getPublic().getEncoded());
                    jdbc.sql(
                                    "INSERT INTO platform_signing_key (key_id, public_key, private_key_sealed, created_at) VALUES (:id, :pub, :priv, :at)")
                            .param("id", id)
                            .param("pub", pair.getPublic().getEncoded())
                            .param("priv", keys.seal(SEAL, pair.getPrivate().getEncoded()))
                            .param("at", Timestamp.from(clock.instant()))
                            .update();
                    current = pair;
                    currentId = id;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    static PublicKey decodePublic(byte[] x509) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey decodePrivate(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
