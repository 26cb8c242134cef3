package org.undersigned.publication;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.undersigned.base.Tokens;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signs manifests with the platform key and checks them. A signed manifest is
 * {@code {"manifest": {...}, "signature": {"algorithm": "Ed25519", "keyId": ..., "value": base64}}};
 * the signature covers the canonical JSON ({@link CanonicalJson}) of the manifest object in UTF-8.
 */
@Component
public class SignedManifests {

    /** Largest manifest the verification accepts (a letter with thousands of signatures fits). */
    public static final int MAX_LENGTH = 4 * 1024 * 1024;

    /**
     * What the check found.
     *
     * @param valid whether the signature holds and the text matches its hash
     * @param problem where it fails, in words, when not valid
     */
    public record Verification(
            boolean valid,
            @Nullable String problem,
            @Nullable String keyId,
            @Nullable String title,
            @Nullable String publishedAt,
            int signatures) {

        static Verification failed(String problem) {
            return new Verification(false, problem, null, null, null, 0);
        }
    }

    private final PlatformSigningKey key;
    private final ObjectMapper json = new ObjectMapper();

    SignedManifests(PlatformSigningKey key) {
        this.key = key;
    }

    /** Wraps the manifest with its signature; returns pretty JSON (the signature does not depend on layout). */
    public String sign(ObjectNode manifest) {
        byte[] canonical = CanonicalJson.write(manifest).getBytes(StandardCharsets.UTF_8);
        var part = key.publicPart();
        ObjectNode doc = json.createObjectNode();
        doc.set("manifest", manifest);
        ObjectNode sig = doc.putObject("signature");
        sig.put("algorithm", "Ed25519");
        sig.put("keyId", part.keyId());
        sig.put("value", Base64.getEncoder().encodeToString(key.sign(canonical)));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
    }

    /** The SHA-256 of a text as manifests write it: lower-case hex of its UTF-8 bytes. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(Tokens.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Checks a signed manifest as pasted by anyone: never throws, says where it fails. */
    public Verification verify(@Nullable String pasted) {
        if (pasted == null || pasted.isBlank()) {
            return Verification.failed("Paste the contents of a manifest.json file.");
        }
        if (pasted.length() > MAX_LENGTH) {
            return Verification.failed("This is larger than any manifest Undersigned publishes.");
        }
        JsonNode doc;
        try {
            doc = json.readTree(pasted);
        } catch (JacksonException e) {
            return Verification.failed("This is not valid JSON: it may be cut short or changed.");
        }
        if (doc == null
                || !doc.isObject()
                || !doc.path("manifest").isObject()
                || !doc.path("signature").isObject()) {
            return Verification.failed(
                    "This JSON is not a signed Undersigned manifest (it needs “manifest” and “signature”).");
        }
        JsonNode sig = doc.get("signature");
        if (!"Ed25519".equals(sig.path("algorithm").asString(""))) {
            return Verification.failed("The signature's algorithm is not Ed25519.");
        }
        String keyId = sig.path("keyId").asString("");
        Optional<PublicKey> publicKey = keyId.matches("[0-9a-f]{16}") ? key.publicKey(keyId) : Optional.empty();
        if (publicKey.isEmpty()) {
            return Verification.failed(
                    "It was not signed with a key of this platform (key id “" + abbreviate(keyId) + "”).");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(sig.path("value").asString(""));
        } catch (IllegalArgumentException e) {
            return Verification.failed("The signature value is not valid Base64.");
        }
        JsonNode manifest = doc.get("manifest");
        byte[] canonical;
        try {
            canonical = CanonicalJson.write(manifest).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Verification.failed("The manifest holds values a signed manifest never has (such as fractions).");
        }
        if (!PlatformSigningKey.verify(publicKey.get(), canonical, signature)) {
            return Verification.failed("The signature does not match: the manifest was changed after it was signed.");
        }
        String text = manifest.path("text").asString(null);
        String textHash = manifest.path("textSha256").asString(null);
        if (text != null && textHash != null && !sha256Hex(text).equals(textHash)) {
            return Verification.failed("The letter's text does not match the hash recorded with it.");
        }
        return new Verification(
                true,
                null,
                keyId,
                manifest.path("letter").path("title").asString(null),
                manifest.path("publishedAt").asString(null),
                manifest.path("signatures").size());
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[^0-9A-Za-z]", "");
        return clean.length() > 20 ? clean.substring(0, 20) + "…" : clean;
    }
}
