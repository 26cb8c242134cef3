package org.undersigned.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.undersigned.IntegrationTest;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.BlockText;
import org.undersigned.letter.LetterRevision;
import org.undersigned.letter.LetterState;
import org.undersigned.letter.PublishingLetters.PublishableLetter;
import org.undersigned.signing.LockedList;
import org.undersigned.signing.VerificationLevel;

/**
 * The public page, PDF, text and manifest rendered from a locked list built here, with hostile
 * names and titles and text in Azerbaijani, Georgian, Cyrillic and Arabic.
 */
@IntegrationTest
class PublicPageRenderingTest {

    static final String AZ_NAME = "Leyla Məmmədova";
    static final String AZ_ORG = "Azərbaycan İnsan Hüquqları Cəmiyyəti";
    static final String KA_NAME = "ნინო ბერიძე";
    static final String KA_ROLE = "თავმჯდომარე";
    static final String RU_NAME = "Мария Иванова";
    static final String RU_ORG = "Правозащитный центр «Мемориал»";
    static final String AR_NAME = "ليلى أحمد";
    static final String AR_ORG = "مركز الخليج لحقوق الإنسان";
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "<img src=x onerror=alert(1)>";

    @Autowired
    PublicationRenderer renderer;

    @Autowired
    SignedManifests manifests;

    final UUID letterId = UUID.randomUUID();
    final Instant lockedAt = Instant.parse("2026-11-20T10:15:30.123456Z");
    final Instant publishedAt = Instant.parse("2026-11-28T09:00:00.000001Z");

    PublicationRenderer.Source source(String language, String title, String paragraph) {
        var blocks = List.of(
                new BlockText(UUID.randomUUID(), 10, BlockKind.HEADING, title),
                new BlockText(UUID.randomUUID(), 20, BlockKind.DATE_PLACE, "6 aprel 2024 — Bakı"),
                new BlockText(UUID.randomUUID(), 30, BlockKind.SALUTATION, "Əziz dostlar,"),
                new BlockText(UUID.randomUUID(), 40, BlockKind.PARAGRAPH, paragraph),
                new BlockText(UUID.randomUUID(), 50, BlockKind.CLOSING, "Hörmətlə,"));
        var revision = new LetterRevision(letterId, 3, lockedAt, "Editor", blocks);
        var lines = new ArrayList<LockedList.Line>();
        lines.add(line(1, AZ_NAME, "Sədr", AZ_ORG, VerificationLevel.ORGANISATION_DOMAIN));
        lines.add(line(2, KA_NAME, KA_ROLE, "საქართველოს ახალგაზრდა იურისტთა ასოციაცია", VerificationLevel.EMAIL_CODE));
        lines.add(line(3, RU_NAME, "Председатель", RU_ORG, VerificationLevel.EMAIL_CODE));
        lines.add(line(4, AR_NAME, "رئيسة", AR_ORG, VerificationLevel.EMAIL_CODE));
        lines.add(line(5, SCRIPT, IMG, "Evil\u202Egnp.exe Org", VerificationLevel.EMAIL_CODE));
        lines.add(line(
                6, "Jo\u200Bhn\u2066 Smith\u2069", "Director\uFEFF", "Free\u200B Press", VerificationLevel.EMAIL_CODE));
        var list = new LockedList(letterId, 3, revision.sha256(), lockedAt, "BY_HAND", "ab".repeat(32), lines);
        var letter = new PublishableLetter(
                letterId,
                title,
                language,
                language.equals("ar"),
                UUID.randomUUID(),
                AZ_ORG,
                LetterState.IN_REVIEW,
                lockedAt,
                lockedAt,
                null);
        return new PublicationRenderer.Source(letter, revision, list, "open-letter-x", publishedAt);
    }

    LockedList.Line line(int position, String name, String role, String organisation, VerificationLevel level) {
        return new LockedList.Line(
                position,
                UUID.randomUUID(),
                name,
                role,
                organisation,
                false,
                level,
                lockedAt.minus(position, ChronoUnit.HOURS));
    }

    Artefacts render() {
        return renderer.render(source(
                "az",
                SCRIPT + " Həmrəylik məktubu \u202E" + IMG,
                "Azərbaycanda insan hüquqları müdafiəçiləri azad edilməlidir: ə ğ ı ş ç ö ü İ."));
    }

    @Test
    void thePageRunsNoScriptNeutralisesOverridesAndKeepsEveryScript() {
        Artefacts files = render();
        String html = new String(files.page(), StandardCharsets.UTF_8);
        var doc = Jsoup.parse(html);

        assertThat(doc.select("script, iframe, object, embed, img")).isEmpty();
        for (Element e : doc.getAllElements()) {
            e.attributes().forEach(a -> assertThat(a.getKey()).doesNotStartWith("on"));
        }
        assertThat(html).doesNotContain("\u202E").doesNotContain("\u200B").doesNotContain("\u2066");
        assertThat(html).doesNotContain("\uFEFF");
        assertThat(doc.select("html").attr("lang")).isEqualTo("az");
        assertThat(doc.select("html").attr("dir")).isEqualTo("ltr");
        assertThat(doc.title()).isEqualTo(SCRIPT + " Həmrəylik məktubu " + IMG);
        assertThat(doc.select("meta[property=og:title]").attr("content")).isEqualTo(doc.title());
        assertThat(doc.select("meta[property=og:url]").attr("content")).endsWith("/letters/open-letter-x");
        assertThat(doc.select("meta[name=twitter:card]").attr("content")).isEqualTo("summary");
        assertThat(doc.select("link[rel=stylesheet]").attr("href")).isEqualTo("/styles/letter.css");

        var items = doc.select("ol.letter-signatories > li");
        assertThat(items).hasSize(6);
        assertThat(items.get(0).select(".signatory").text()).isEqualTo(AZ_NAME + ", Sədr, " + AZ_ORG);
        assertThat(items.get(0).select(".mark").attr("title")).contains("domain registered by the organisation");
        assertThat(items.get(1).select(".signatory").text()).startsWith(KA_NAME + ", " + KA_ROLE);
        assertThat(items.get(2).select(".signatory").text()).isEqualTo(RU_NAME + ", Председатель, " + RU_ORG);
        assertThat(items.get(3).select(".signatory").text()).isEqualTo(AR_NAME + ", رئيسة, " + AR_ORG);
        assertThat(items.get(4).select(".signatory").text()).isEqualTo(SCRIPT + ", " + IMG + ", Evilgnp.exe Org");
        assertThat(items.get(5).select(".signatory").text()).isEqualTo("John Smith, Director, Free Press");
        // Each part of a line is isolated from its neighbours.
        assertThat(items.get(3).select("bdi")).hasSize(3);
        assertThat(doc.select("a[href$=.pdf]")).hasSize(1);
        assertThat(doc.select("a[href$=/manifest.json]")).hasSize(1);
        assertThat(html).doesNotContain("@");
    }

    @Test
    void theArabicPageIsRightToLeft() {
        var files = renderer.render(source("ar", "رسالة تضامن", "نحن الموقعون أدناه نطالب بالإفراج عنهم."));
        var doc = Jsoup.parse(new String(files.page(), StandardCharsets.UTF_8));
        assertThat(doc.select("html").attr("lang")).isEqualTo("ar");
        assertThat(doc.select("html").attr("dir")).isEqualTo("rtl");
        assertThat(doc.select(".letter-paragraph").text()).isEqualTo("نحن الموقعون أدناه نطالب بالإفراج عنهم.");
    }

    @Test
    void thePdfHoldsEveryScriptAsTextWithEmbeddedFontsAndNoOverrides() throws Exception {
        Artefacts files = render();
        String text;
        try (PDDocument pdf = Loader.loadPDF(files.pdf())) {
            text = new PDFTextStripper().getText(pdf);
            for (int i = 0; i < pdf.getNumberOfPages(); i++) {
                for (var name : pdf.getPage(i).getResources().getFontNames()) {
                    PDFont font = pdf.getPage(i).getResources().getFont(name);
                    assertThat(font.isEmbedded())
                            .as(font.getName() + " embedded")
                            .isTrue();
                }
            }
        }
        assertThat(text)
                .contains("Azərbaycanda insan hüquqları müdafiəçiləri azad edilməlidir: ə ğ ı ş ç ö ü İ.")
                .contains(AZ_NAME)
                .contains(AZ_ORG)
                .contains(KA_NAME)
                .contains(KA_ROLE)
                .contains(RU_NAME)
                .contains(RU_ORG)
                .contains(SCRIPT)
                .contains("John Smith")
                .doesNotContain("\u202E")
                .doesNotContain("\u200B");
        // Arabic comes out as letters, possibly as presentation forms and in visual order.
        String letters = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "");
        String name = AR_NAME.replaceAll("\\s+", "");
        assertThat(letters.contains(name)
                        || letters.contains(new StringBuilder(name).reverse().toString()))
                .as("Arabic name in: %s", letters)
                .isTrue();
    }

    @Test
    void theManifestVerifiesAndAChangedByteFails() {
        Artefacts files = render();
        String manifest = new String(files.manifest(), StandardCharsets.UTF_8);
        var ok = manifests.verify(manifest);
        assertThat(ok.valid()).as(ok.problem()).isTrue();
        assertThat(ok.signatures()).isEqualTo(6);
        assertThat(manifest)
                .contains("\"sha256\" : \"" + "ab".repeat(32) + "\"")
                .contains("\"lockedAt\" : \"2026-11-20T10:15:30.123456Z\"")
                .contains("\"publishedAt\" : \"2026-11-28T09:00:00.000001Z\"")
                .contains("\"verification\" : \"ORGANISATION_DOMAIN\"")
                .doesNotContain("@");

        String changed = manifest.replace("Leyla", "Leila");
        assertThat(manifests.verify(changed).valid()).isFalse();
        byte[] bytes = files.manifest().clone();
        int at = manifest.indexOf("Sədr");
        bytes[at] = (byte) (bytes[at] ^ 0x01);
        assertThat(manifests.verify(new String(bytes, StandardCharsets.UTF_8)).valid())
                .isFalse();
    }

    @Test
    void renderingIsDeterministicFromStoredData() {
        var s = source("ka", "ღია წერილი", "ჩვენ, ქვემოთ ხელისმომწერნი.");
        var one = renderer.render(s);
        var two = renderer.render(s);
        assertThat(two.page()).isEqualTo(one.page());
        assertThat(two.text()).isEqualTo(one.text());
        assertThat(two.manifest()).isEqualTo(one.manifest());
    }

    @Test
    void thePlainTextListsTheSignatoriesWithoutControls() {
        String text = new String(render().text(), StandardCharsets.UTF_8);
        assertThat(text)
                .contains("1. " + AZ_NAME + ", Sədr, " + AZ_ORG + " ‡")
                .contains("4. " + AR_NAME)
                .contains("6. John Smith, Director, Free Press †")
                .contains("Published on 28 November 2026")
                .doesNotContain("\u202E")
                .doesNotContain("\u200B");
    }

    @Test
    void slugsAreAsciiAndReadable() {
        assertThat(Slugs.base("Həmrəylik məktubu")).isEqualTo("hemreylik-mektubu");
        assertThat(Slugs.base("Открытое письмо")).isEqualTo("otkrytoe-pis-mo");
        assertThat(Slugs.base("ღია წერილი")).isEqualTo("ghia-ts-erili");
        assertThat(Slugs.base("رسالة تضامن")).matches("[a-z0-9-]*");
        assertThat(Slugs.of("<script>", s -> false)).isEqualTo("script");
        assertThat(Slugs.of("!!", s -> false)).matches("letter-[0-9a-f]{6}");
        assertThat(Slugs.of("Open letter", s -> s.equals("open-letter"))).matches("open-letter-[0-9a-f]{6}");
        assertThat(Slugs.base("a ".repeat(100))).hasSizeLessThanOrEqualTo(60);
    }
}
