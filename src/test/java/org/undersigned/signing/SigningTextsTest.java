package org.undersigned.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bundles of the signing mails and pages: complete in every language, well-formed, with English as the fallback. */
class SigningTextsTest {

    private static final Instant DAY = Instant.parse("2026-12-28T10:00:00Z");
    private static final Pattern UNFILLED = Pattern.compile("\\{\\d+}");

    @Test
    void everyTranslationHasExactlyTheKeysOfTheEnglishBundle() throws IOException {
        Properties english = load("messages/signing.properties");
        assertThat(english).isNotEmpty();
        for (String language : SigningTexts.LANGUAGES) {
            if (language.equals("en")) {
                continue;
            }
            Properties translated = load("messages/signing_" + language + ".properties");
            assertThat(translated.stringPropertyNames())
                    .as("keys of %s", language)
                    .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        }
    }

    @Test
    void everyTextFormatsWithoutLosingAnApostropheOrLeavingAPlaceholder() throws IOException {
        Object[] args = {"A", "B", "C", "D", "E"};
        for (String language : SigningTexts.LANGUAGES) {
            String file = language.equals("en") ? "signing" : "signing_" + language;
            Properties p = load("messages/" + file + ".properties");
            for (String key : p.stringPropertyNames()) {
                String pattern = p.getProperty(key);
                // A lone ASCII apostrophe is swallowed by MessageFormat: the bundles write ’.
                assertThat(pattern.replace("'{'", "").replace("'}'", ""))
                        .as("%s %s", language, key)
                        .doesNotContain("'");
                String formatted = new MessageFormat(pattern, Locale.forLanguageTag(language)).format(args);
                assertThat(formatted).as("%s %s", language, key).doesNotContainPattern(UNFILLED);
                assertThat(formatted.strip()).as("%s %s", language, key).isNotEmpty();
            }
        }
    }

    @Test
    void translationsAreWrittenInTheirOwnScript() throws IOException {
        Properties english = load("messages/signing.properties");
        assertScript("ru", "\\p{IsCyrillic}");
        assertScript("ka", "\\p{IsGeorgian}");
        assertScript("ar", "\\p{IsArabic}");
        Properties az = load("messages/signing_az.properties");
        for (String key : az.stringPropertyNames()) {
            if (!UNFILLED.matcher(az.getProperty(key)).replaceAll("").isBlank()) {
                assertThat(az.getProperty(key)).as("az %s", key).isNotEqualTo(english.getProperty(key));
            }
        }
        assertThat(String.join(" ", az.values().stream().map(Object::toString).toList()))
                .contains("ə", "ğ", "ı", "ş", "ç", "ö", "ü");
    }

    @Test
    void aLanguageWithoutBundleGetsEnglishWhateverTheServersLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ru"));
            for (String language : new String[] {"fr", "xx", "", "en", "EN"}) {
                SigningTexts t = SigningTexts.of(language);
                assertThat(t.language()).as(language).isEqualTo("en");
                assertThat(t.get("mail.greeting", "Jo")).isEqualTo("Dear Jo,");
                assertThat(t.direction()).isEqualTo("ltr");
            }
            assertThat(SigningTexts.of(null).language()).isEqualTo("en");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void eachLanguageHasItsOwnWordsDirectionAndDates() {
        assertThat(SigningTexts.of("az").get("mail.greeting", "Aysel")).isEqualTo("Hörmətli Aysel,");
        assertThat(SigningTexts.of("ru").get("mail.greeting", "Иван")).isEqualTo("Здравствуйте, Иван!");
        assertThat(SigningTexts.of("ka").get("mail.greeting", "ნინო")).isEqualTo("პატივცემულო ნინო,");
        assertThat(SigningTexts.of("ar").direction()).isEqualTo("rtl");
        assertThat(SigningTexts.of("ka").direction()).isEqualTo("ltr");

        assertThat(SigningTexts.of("en").date(DAY)).isEqualTo("28 December 2026");
        assertThat(SigningTexts.of("ru").date(DAY)).contains("28 декабря 2026");
        assertThat(SigningTexts.of("az").date(DAY))
                .contains("28")
                .contains("dekabr")
                .contains("2026");
        assertThat(SigningTexts.of("ka").date(DAY))
                .contains("28")
                .contains("დეკემბერი")
                .contains("2026");
        assertThat(SigningTexts.of("ar").date(DAY)).contains("ديسمبر");
    }

    private static void assertScript(String language, String script) throws IOException {
        Properties p = load("messages/signing_" + language + ".properties");
        Pattern letters = Pattern.compile(script);
        for (String key : p.stringPropertyNames()) {
            String value = UNFILLED.matcher(p.getProperty(key)).replaceAll("");
            if (!value.isBlank()) {
                assertThat(letters.matcher(value).find())
                        .as("%s %s is in its script", language, key)
                        .isTrue();
            }
        }
    }

    private static Properties load(String resource) throws IOException {
        var p = new Properties();
        try (InputStream in = SigningTextsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
