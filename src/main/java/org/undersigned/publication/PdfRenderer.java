package org.undersigned.publication;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.springframework.stereotype.Component;

/**
 * Turns the print HTML of a letter into a PDF (openhtmltopdf on PDFBox 3) with the fonts it needs
 * embedded: Noto Serif for Latin (Azerbaijani included) and Cyrillic, Noto Serif Georgian, Noto
 * Sans Arabic, all under the SIL Open Font License and shipped in the jar ({@code fonts/}).
 * Right-to-left runs are split and reordered with ICU.
 */
@Component
public class PdfRenderer {

    /** The CSS font stack that reaches every embedded font. */
    public static final String FONT_STACK = "'Noto Serif', 'Noto Serif Georgian', 'Noto Sans Arabic'";

    private record Font(String resource, String family, int weight, FontStyle style) {}

    private static final List<Font> FONTS = List.of(
            new Font("fonts/NotoSerif-Regular.ttf", "Noto Serif", 400, FontStyle.NORMAL),
            new Font("fonts/NotoSerif-Bold.ttf", "Noto Serif", 700, FontStyle.NORMAL),
            new Font("fonts/NotoSerif-Italic.ttf", "Noto Serif", 400, FontStyle.ITALIC),
            new Font("fonts/NotoSerifGeorgian-Regular.ttf", "Noto Serif Georgian", 400, FontStyle.NORMAL),
            new Font("fonts/NotoSerifGeorgian-Bold.ttf", "Noto Serif Georgian", 700, FontStyle.NORMAL),
            new Font("fonts/NotoSansArabic-Regular.ttf", "Noto Sans Arabic", 400, FontStyle.NORMAL),
            new Font("fonts/NotoSansArabic-Bold.ttf", "Noto Sans Arabic", 700, FontStyle.NORMAL));

    /**
     * Renders well-formed XHTML (JTE output of a print template) to PDF bytes.
     *
     * @param rtl whether the document's base direction is right to left
     */
    public byte[] render(String xhtml, boolean rtl) {
        var out = new ByteArrayOutputStream();
        var builder = new PdfRendererBuilder();
        builder.useFastMode();
        for (Font f : FONTS) {
            builder.useFont(() -> open(f.resource()), f.family(), f.weight(), f.style(), true);
        }
        builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
        builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
        builder.defaultTextDirection(rtl ? TextDirection.RTL : TextDirection.LTR);
        builder.withHtmlContent(xhtml, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Renders an HTML5 page (the published letter's template in its print form) to PDF: the page
     * is parsed as browsers do (jsoup) and handed over as a DOM, so it need not be XML.
     */
    public byte[] renderHtml(String html, boolean rtl) {
        var out = new ByteArrayOutputStream();
        var builder = new PdfRendererBuilder();
        builder.useFastMode();
        for (Font f : FONTS) {
            builder.useFont(() -> open(f.resource()), f.family(), f.weight(), f.style(), true);
        }
        builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
        builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
        builder.defaultTextDirection(rtl ? TextDirection.RTL : TextDirection.LTR);
        builder.withW3cDocument(new W3CDom().fromJsoup(Jsoup.parse(html)), null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static InputStream open(String resource) {
        InputStream in = PdfRenderer.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Font missing from the jar: " + resource);
        }
        return in;
    }
}
