package org.undersigned.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.InternetAddress;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules for text people type: what is kept, what is folded, what is refused. */
class TextTest {

    static final String AZERBAIJANI = "Azərbaycan İnsan Hüquqları Cəmiyyəti";
    static final String GEORGIAN = "საქართველოს ახალგაზრდა იურისტთა ასოციაცია";

    @Test
    void decomposedInputIsStoredComposed() {
        String decomposed = Normalizer.normalize(AZERBAIJANI + " ğışçöü", Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(AZERBAIJANI + " ğışçöü");

        assertThat(Text.line("name", "Name", decomposed, 200)).isEqualTo(AZERBAIJANI + " ğışçöü");
    }

    @Test
    void namesInEveryScriptComeBackUnchanged() {
        for (String name : List.of(
                AZERBAIJANI,
                GEORGIAN,
                "Правозащитный центр «Мемориал»",
                "مركز القاهرة لدراسات حقوق الإنسان",
                "<script>alert(1)</script>")) {
            assertThat(Text.line("name", "Name", name, 200)).isEqualTo(name);
        }
    }

    @Test
    void outerWhiteSpaceIsTrimmedAndInnerRunsFoldToOneSpace() {
        assertThat(Text.line("name", "Name", "   Human    Rights   House  ", 200))
                .isEqualTo("Human Rights House");
    }

    @Test
    void nonBreakingAndOtherUnicodeSpacesFoldLikeSpaces() {
        assertThat(Text.line("name", "Name", "Human\u00A0\u00A0Rights\u2003House\u3000", 200))
                .isEqualTo("Human Rights House");
    }

    @Test
    void aValueMadeOnlyOfSpacesOfAnyKindIsEmpty() {
        for (String blank : List.of("", "   ", "\u00A0\u00A0", "\u2007\u202F", "\u3000")) {
            assertThatThrownBy(() -> Text.line("name", "Name", blank, 200))
                    .as("%s", blank.codePoints().mapToObj(Integer::toHexString).toList())
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsOnlyKeys("name"));
            assertThat(Text.optionalLine("website", "Website", blank, 200)).isNull();
        }
    }

    @Test
    void controlCharactersLineBreaksAndInvisibleDirectionControlsAreRefused() {
        for (String disguise : List.of(
                "\u0000", "\u0007", "\n", "\t", "\u202E", // right-to-left override: "Rights\u202Eevil" reads backwards
                "\u202D", "\u2066", "\u2069", "\u061C", // Arabic letter mark
                "\u200B", // zero-width space
                "\u2060", "\uFEFF", "\u2028")) {
            assertThatThrownBy(() -> Text.line("organisationName", "Name", "Human" + disguise + "Rights", 200))
                    .as("U+%04X", (int) disguise.charAt(0))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsOnlyKeys("organisationName"));
        }
    }

    @Test
    void zeroWidthNonJoinerAndJoinerStayBecausePersianNeedsThem() {
        String persian = "می\u200Cخواهم"; // "I want": the non-joiner keeps می apart from خواهم
        assertThat(Text.line("name", "Name", persian, 200)).isEqualTo(persian);
        assertThat(Text.line("name", "Name", "क\u094D\u200Dष", 200)).isEqualTo("क\u094D\u200Dष");
    }

    @Test
    void paragraphsKeepLineBreaksNormalisedButRefuseOverrides() {
        assertThat(Text.paragraph("body", "Text", "One\r\nTwo\rThree\n", 1000)).isEqualTo("One\nTwo\nThree");
        assertThatThrownBy(() -> Text.paragraph("body", "Text", "One\u202ETwo", 1000))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Text.paragraph("body", "Text", "One\u0000Two", 1000))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void lengthIsCountedInCodePointsAfterComposition() {
        String georgian200 = "ა".repeat(200);
        String azerbaijaniDecomposed200 = Normalizer.normalize("ö".repeat(200), Normalizer.Form.NFD);
        String astral200 = "𝐀".repeat(200); // 400 UTF-16 units, 200 characters

        assertThat(Text.line("name", "Name", georgian200, 200)).isEqualTo(georgian200);
        assertThat(azerbaijaniDecomposed200.codePointCount(0, azerbaijaniDecomposed200.length()))
                .isEqualTo(400);
        assertThat(Text.line("name", "Name", azerbaijaniDecomposed200, 200)).isEqualTo("ö".repeat(200));
        assertThat(Text.line("name", "Name", astral200, 200)).isEqualTo(astral200);

        for (String tooLong : List.of("ა".repeat(201), "ə".repeat(201), "𝐀".repeat(201))) {
            assertThatThrownBy(() -> Text.line("name", "Name", tooLong, 200))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors().get("name")).contains("at most 200"));
        }
    }

    @Test
    void aMegabyteIsRefusedAsTooLong() {
        String huge = "x".repeat(1 << 20);
        assertThatThrownBy(() -> Text.line("name", "Name", huge, 200)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Text.paragraph("body", "Text", huge, 10_000))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Text.email("email", huge)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(Text.email("email", "  Jane.Doe+Letters@Example.ORG ")).isEqualTo("jane.doe+letters@example.org");
        assertThat(Text.email("email", "o'brien@sub.example.org")).isEqualTo("o'brien@sub.example.org");
    }

    @Test
    void malformedEmailsAreRefused() {
        for (String bad : List.of(
                "jane",
                "jane@",
                "@example.org",
                "jane@example",
                "jane@@example.org",
                "jane doe@example.org",
                "jane@exa mple.org",
                "jane@-example.org",
                "jané@example.org",
                "jane@example.org>",
                "\"jane\"@example.org",
                "x".repeat(65) + "@example.org")) {
            assertThatThrownBy(() -> Text.email("ownerEmail", bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsOnlyKeys("ownerEmail"));
        }
    }

    /**
     * An address the form accepts must be one the mail library can send to: otherwise the
     * account exists but its confirmation mail fails for good.
     */
    @Test
    void everyAcceptedAddressIsOneJakartaMailCanSendTo() {
        for (String candidate : List.of(
                "a..b@example.org",
                ".jane@example.org",
                "jane.@example.org",
                "jane.doe@example.org",
                "j@example.org",
                "first.middle.last@example.org",
                "a_b-c~d@example.org")) {
            boolean accepted;
            try {
                Text.email("email", candidate);
                accepted = true;
            } catch (InvalidInputException e) {
                accepted = false;
            }
            if (accepted) {
                assertThatCode(() -> new InternetAddress(candidate, true))
                        .as("accepted by Text.email: %s", candidate)
                        .doesNotThrowAnyException();
            }
        }
        assertThat(Text.email("email", "first.middle.last@example.org")).isEqualTo("first.middle.last@example.org");
    }

    @Test
    void domainsAreLowerCasedWithoutAtSignOrWww() {
        assertThat(Text.domain("domains", "Example.ORG")).isEqualTo("example.org");
        assertThat(Text.domain("domains", "@hrh.example.org")).isEqualTo("hrh.example.org");
        assertThat(Text.domain("domains", "www.example.org")).isEqualTo("example.org");
    }

    @Test
    void malformedDomainsAreRefused() {
        for (String bad : List.of("example", "exa_mple.org", "-example.org", "example..org", "https://example.org")) {
            assertThatThrownBy(() -> Text.domain("domains", bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsOnlyKeys("domains"));
        }
    }

    @Test
    void domainOfAnAddressIsWhatFollowsTheAt() {
        assertThat(Text.domainOf("jane@hrh.example.org")).isEqualTo("hrh.example.org");
    }

    @Test
    void nameKeyIgnoresCaseSpacingAndCompatibilityForms() {
        assertThat(Text.key("Human  Rights House")).isEqualTo(Text.key("human rights house"));
        assertThat(Text.key("Ｈｕｍａｎ Rights House")).isEqualTo(Text.key("Human Rights House"));
        assertThat(Text.key("Human Rights House")).isNotEqualTo(Text.key("Human Rights Home"));
    }

    /** Azerbaijani has a dotted İ/i and a dotless I/ı; the root locale lower-cases İ to "i̇". */
    @Test
    void anAzerbaijaniNameInCapitalsHasTheSameKey() {
        assertThat(Text.key("AZƏRBAYCAN İNSAN HÜQUQLARI CƏMİYYƏTİ")).isEqualTo(Text.key(AZERBAIJANI));
        assertThat(Text.key("azərbaycan insan hüquqları cəmiyyəti")).isEqualTo(Text.key(AZERBAIJANI));
        assertThat(Text.key(GEORGIAN)).isEqualTo(GEORGIAN);
    }
}
