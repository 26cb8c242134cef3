package org.undersigned.publication;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the platform's public key, so that anyone can check a manifest without us. */
@RestController
class SigningKeyController {

    private final PlatformSigningKey key;

    SigningKeyController(PlatformSigningKey key) {
        this.key = key;
    }

    @GetMapping(value = "/.well-known/undersigned-signing-key", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> publicKey() {
        var part = key.publicPart();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("algorithm", "Ed25519");
        body.put("keyId", part.keyId());
        body.put("publicKeyX509Base64", Base64.getEncoder().encodeToString(part.x509()));
        body.put(
                "use",
                "Signs the manifests of letters published on this platform: an Ed25519 signature over the canonical JSON (RFC 8785 style, UTF-8) of the \"manifest\" object.");
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(body);
    }
}
