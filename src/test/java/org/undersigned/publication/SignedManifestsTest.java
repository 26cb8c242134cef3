package org.undersigned.publication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.undersigned.IntegrationTest;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class SignedManifestsTest {

    @Autowired
    SignedManifests manifests;

    final ObjectMapper json = new ObjectMapper();

    ObjectNode manifest() {
        String text = "Əziz dostlar,\nჩვენ, ქვემოთ ხელისმომწერნი — Мы, нижеподписавшиеся — نحن الموقعون";
        ObjectNode m = json.createObjectNode();
        m.put("format", "undersigned-manifest/1");
        m.putObject("letter")
                .put("title", "Açıq məktub <script>alert(1)</script>")
                .put("slug", "open-letter");
        m.put("text", text);
        m.put("textSha256", SignedManifests.sha256Hex(text));
        var sigs = m.putArray("signatures");
        sigs.addObject().put("position", 1).put("name", "Leyla Məmmədova").put("verification", "EMAIL_CODE_DOMAIN");
        sigs.addObject().put("position", 2).put("name", "ნინო ბერიძე").put("verification", "EMAIL_CODE");
        m.put("publishedAt", "2026-11-27T12:00:00Z");
        return m;
    }

    @Test
    void aSignedManifestVerifiesAlsoAfterItsLayoutChanges() {
        String signed = manifests.sign(manifest());
        var result = manifests.verify(signed);
        assertThat(result.valid()).as(String.valueOf(result.problem())).isTrue();
        assertThat(result.signatures()).isEqualTo(2);
        assertThat(result.title()).isEqualTo("Açıq məktub <script>alert(1)</script>");

        String compact = json.writeValueAsString(json.readTree(signed));
        assertThat(manifests.verify(compact).valid()).isTrue();
    }

    @Test
    void oneChangedCharacterAnywhereMakesItFail() {
        String signed = manifests.sign(manifest());
        assertThat(manifests
                        .verify(signed.replace("Leyla Məmmədova", "Leyla Mammadova"))
                        .valid())
                .isFalse();
        assertThat(manifests
                        .verify(signed.replace("\"position\" : 2", "\"position\" : 3"))
                        .problem())
                .contains("changed after it was signed");
        var changedText = manifests.verify(signed.replace("Əziz dostlar", "Əziz dostlar!"));
        assertThat(changedText.valid()).isFalse();
    }

    @Test
    void saysWhereAForgedOrBrokenManifestFails() {
        String signed = manifests.sign(manifest());
        assertThat(manifests.verify("").problem()).contains("Paste");
        assertThat(manifests.verify("{not json").problem()).contains("not valid JSON");
        assertThat(manifests.verify("{\"a\":1}").problem()).contains("not a signed Undersigned manifest");
        assertThat(manifests
                        .verify(signed.replaceAll("\"keyId\" : \"[0-9a-f]{16}\"", "\"keyId\" : \"0000000000000000\""))
                        .problem())
                .contains("not signed with a key of this platform");
        assertThat(manifests
                        .verify(signed.replaceAll("\"value\" : \"[^\"]+\"", "\"value\" : \"%%%\""))
                        .problem())
                .contains("Base64");
        assertThat(manifests.verify("x".repeat(SignedManifests.MAX_LENGTH + 1)).problem())
                .contains("larger");
    }
}
