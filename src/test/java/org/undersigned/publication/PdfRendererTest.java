package org.undersigned.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfRendererTest {

    final PdfRenderer renderer = new PdfRenderer();

    static String page(String lang, String dir, String body) {
        return """
                <html lang="%s" dir="%s"><head><meta charset="utf-8"/>
                <style>body { font-family: %s; font-size: 12pt; }</style></head>
                <body>%s</body></html>""".formatted(lang, dir, PdfRenderer.FONT_STACK, body);
    }

    @Test
    void everyScriptIsInThePdfAsText() throws Exception {
        String az = "Əziz dostlar, Azərbaycanda insan hüquqları: ə ğ ı ş ç ö ü İ";
        String ka = "ჩვენ, ქვემოთ ხელისმომწერნი, ქართული";
        String ru = "Мы, нижеподписавшиеся, Россия";
        byte[] pdf = renderer.render(page("az", "ltr", "<p>" + az + "</p><p>" + ka + "</p><p>" + ru + "</p>"), false);

        String text = extract(pdf);
        assertThat(text).contains(az).contains(ka).contains(ru);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (var name : doc.getPage(0).getResources().getFontNames()) {
                PDFont font = doc.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
            }
        }
    }

    @Test
    void arabicComesOutAsArabicText() throws Exception {
        String ar = "نحن الموقعون أدناه";
        byte[] pdf = renderer.render(page("ar", "rtl", "<p>" + ar + "</p>"), true);
        // Extracted text may hold presentation forms and visual order; compare letters, not layout.
        String extracted =
                Normalizer.normalize(extract(pdf), Normalizer.Form.NFKC).replaceAll("\\s+", "");
        String expected = ar.replaceAll("\\s+", "");
        assertThat(extracted.equals(expected)
                        || new StringBuilder(extracted).reverse().toString().equals(expected))
                .as("extracted: %s", extracted)
                .isTrue();
    }

    @Test
    void markupInNamesWasEscapedBeforeItGotHere() throws Exception {
        byte[] pdf = renderer.render(page("en", "ltr", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"), false);
        assertThat(extract(pdf)).contains("<script>alert(1)</script>");
    }

    static String extract(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
