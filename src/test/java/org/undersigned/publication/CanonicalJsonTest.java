package org.undersigned.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class CanonicalJsonTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void sortsMembersAndDropsWhiteSpace() {
        String pretty = """
                {
                  "b" : [ 1, 2, {"z": true, "a": null} ],
                  "a" : "x"
                }""";
        assertThat(CanonicalJson.write(json.readTree(pretty)))
                .isEqualTo("{\"a\":\"x\",\"b\":[1,2,{\"a\":null,\"z\":true}]}");
    }

    @Test
    void keepsEveryScriptAsCharactersAndEscapesOnlyWhatJsonRequires() {
        String text = "Azərbaycan — საქართველო — Россия — العربية\n\"quoted\" \\ tab\t";
        var node = json.createObjectNode().put("t", text);
        assertThat(CanonicalJson.write(node))
                .isEqualTo("{\"t\":\"Azərbaycan — საქართველო — Россия — العربية\\n\\\"quoted\\\" \\\\ tab\\t\"}");
        assertThat(json.readTree(CanonicalJson.write(node)).get("t").asString()).isEqualTo(text);
    }

    @Test
    void theSameManifestGivesTheSameBytesHoweverItIsLaidOut() {
        String a = "{\"x\":1,\"y\":{\"q\":\"ə\",\"p\":[true,false]}}";
        String b = "{ \"y\" : { \"p\" : [ true , false ] , \"q\" : \"\\u0259\" } ,\n \"x\" : 1 }";
        assertThat(CanonicalJson.write(json.readTree(a))).isEqualTo(CanonicalJson.write(json.readTree(b)));
    }

    @Test
    void refusesFractions() {
        assertThatThrownBy(() -> CanonicalJson.write(json.readTree("{\"x\":1.5}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
