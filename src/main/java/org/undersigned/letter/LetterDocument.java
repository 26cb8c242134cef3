package org.undersigned.letter;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A letter as the reader sees it, for the template {@code letter/preview.jte} that renders the
 * editor's preview, the published page and the PDF alike. Empty blocks are left out.
 *
 * @param language the BCP 47 tag for the page's {@code lang}
 * @param rightToLeft whether the page's direction is right to left
 * @param status a line above the letter (e.g. "Preview — draft"), or empty
 * @param signatories the signature block, in the published order (empty in a preview)
 * @param published what a published page adds around the letter, or null for a preview
 */
public record LetterDocument(
        String title,
        String language,
        boolean rightToLeft,
        String publisherName,
        String status,
        List<BlockText> blocks,
        List<Signatory> signatories,
        @Nullable Published published) {

    public LetterDocument {
        blocks = blocks.stream().filter(b -> !b.text().isBlank()).toList();
        signatories = List.copyOf(signatories);
    }

    /** A preview: the letter alone. */
    public LetterDocument(
            String title,
            String language,
            boolean rightToLeft,
            String publisherName,
            String status,
            List<BlockText> blocks) {
        this(title, language, rightToLeft, publisherName, status, blocks, List.of(), null);
    }

    /**
     * One entry of the signature block, "Name, role, organisation", never an email.
     *
     * @param details the role and the organisation (or "in personal capacity") after the name, each
     *     shown isolated from its neighbours (a name in Arabic beside a role in English keeps its order)
     * @param mark the small verification mark's key ({@code email-code}, {@code organisation-domain})
     * @param markLabel what the mark means, in words
     */
    public record Signatory(String name, List<String> details, String mark, String markSymbol, String markLabel) {
        public Signatory {
            details = List.copyOf(details);
        }
    }

    /** A verification mark and what it means, for the legend under the signatures. */
    public record Mark(String mark, String markSymbol, String label) {}

    /**
     * The parts of a published page around the letter.
     *
     * @param url the page's own address (canonical link, Open Graph)
     * @param description a short summary for link previews
     * @param publishedOn the date of publication, in words
     * @param lockedOn the date the list was locked, in words
     * @param printCss for the PDF: the style sheet to inline (the PDF renderer fetches nothing); null on the web
     */
    public record Published(
            String url,
            String pdfUrl,
            String textUrl,
            String manifestUrl,
            String verifyUrl,
            String description,
            String publishedOn,
            String lockedOn,
            String textSha256,
            String listSha256,
            List<Mark> legend,
            @Nullable String printCss) {

        public Published {
            legend = List.copyOf(legend);
        }

        public boolean print() {
            return printCss != null;
        }
    }

    /** The paragraphs of a block's text (split at blank lines), each keeping its single line breaks. */
    public static List<String> paragraphs(String text) {
        return List.of(text.split("\\n\\s*\\n"));
    }

    /** The CSS class of a block kind, e.g. {@code letter-paragraph}. */
    public static String cssClass(BlockKind kind) {
        return "letter-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
