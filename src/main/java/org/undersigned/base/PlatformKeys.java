package org.undersigned.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform's symmetric secret, kept in a key file outside the database
 * ({@code undersigned.key-directory/platform.key}, created on first start with mode 600). A
 * database dump alone therefore cannot reverse a keyed hash of an IP address, nor open a sealed
 * TOTP secret. Several instances share the file (see the README's production notes).
 */
@Component
public class PlatformKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] master;

    PlatformKeys(@Value("${undersigned.key-directory:./data/keys}") String directory) {
        this.master = loadOrCreate(Path.of(directory).resolve("platform.key"));
    }

    /**
     * One initialised Mac per purpose, cloned for each use: {@code Mac.getInstance} plus {@code
     * init} (a provider lookup and a key derivation) cost more than the hash itself on the signing
     * pages. The purposes are a few constants, so the map stays small.
     */
    private final Map<String, Mac> macs = new ConcurrentHashMap<>();

    /** HMAC-SHA256 of {@code value} under a key derived for {@code purpose}. */
    public byte[] keyedHash(String purpose, String value) {
        try {
            Mac mac = (Mac) macs.computeIfAbsent(purpose, this::prototype).clone();
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mac prototype(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derive(purpose), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** AES-256-GCM: a random 12-byte nonce followed by the ciphertext and tag. */
    public byte[] seal(String purpose, byte[] plain) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derive(purpose), "AES"), new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] open(String purpose, byte[] sealed) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(derive(purpose), "AES"),
                    new GCMParameterSpec(128, sealed, 0, 12));
            return c.doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed secret could not be opened: is this the right key file?", e);
        }
    }

    private byte[] derive(String purpose) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(master, "HmacSHA256"));
        return mac.doFinal(("undersigned:" + purpose).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] key = Files.readAllBytes(file);
                if (key.length != 32) {
                    throw new IllegalStateException("The key file " + file + " is not 32 bytes long.");
                }
                return key;
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            Path tmp = Files.createTempFile(file.getParent(), "platform", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.write(tmp, key, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                // A hard link never replaces an existing file: if another instance won the
                // race, both read its key below.
                Files.createLink(file, tmp);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // keep the other instance's key
            } finally {
                Files.deleteIfExists(tmp);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the key file " + file, e);
        }
    }
}
