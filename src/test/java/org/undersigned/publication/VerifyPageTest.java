package org.undersigned.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.undersigned.TestDatabase;
import tools.jackson.databind.ObjectMapper;

/** The verification page and the public key, over real HTTP through the public filter chain. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
class VerifyPageTest {

    @LocalServerPort
    int port;

    @Autowired
    SignedManifests manifests;

    final HttpClient http =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theFormIsScriptFreeUnderAStrictPolicy() throws Exception {
        var page = get("/verify");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'")
                .contains("form-action 'self'");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body()).doesNotContain("<script");
    }

    @Test
    void aPastedManifestIsCheckedAndAChangedOneIsRefusedWithTheReason() throws Exception {
        var om = new ObjectMapper();
        var m = om.createObjectNode();
        m.putObject("letter").put("title", "Solidarity <b>letter</b>");
        m.put("text", "Text");
        m.put("textSha256", SignedManifests.sha256Hex("Text"));
        m.putArray("signatures").addObject().put("name", "Jane Doe");
        String signed = manifests.sign(m);

        var form = get("/verify").body();
        var matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(matcher.find()).isTrue();
        String token = matcher.group(1);

        var ok = post("/verify", "_csrf=" + enc(token) + "&manifest=" + enc(signed));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("Valid").contains("Solidarity &lt;b&gt;letter&lt;/b&gt;");

        var bad = post("/verify", "_csrf=" + enc(token) + "&manifest=" + enc(signed.replace("Jane Doe", "John Doe")));
        assertThat(bad.body()).contains("Not valid").contains("changed after it was signed");
    }

    @Test
    void aPostWithoutItsFormTokenIsRefusedInPlainWords() throws Exception {
        var refused = post("/verify", "manifest=x");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void thePublicKeyIsPublished() throws Exception {
        var key = get("/.well-known/undersigned-signing-key");
        assertThat(key.statusCode()).isEqualTo(200);
        var body = new ObjectMapper().readTree(key.body());
        assertThat(body.get("algorithm").asString()).isEqualTo("Ed25519");
        assertThat(body.get("keyId").asString()).matches("[0-9a-f]{16}");
        byte[] x509 = java.util.Base64.getDecoder()
                .decode(body.get("publicKeyX509Base64").asString());
        assertThat(PlatformSigningKey.keyIdOf(x509)).isEqualTo(body.get("keyId").asString());
    }
}
