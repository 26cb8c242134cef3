package org.undersigned.letter;

import java.util.List;

/**
 * A letter as the reader sees it, for the template {@code letter/preview.jte} that renders both
 * the editor's preview and (later) the published page. Empty blocks are left out.
 *
 * @param language the BCP 47 tag for the page's {@code lang}
 * @param rightToLeft whether the page's direction is right to left
 * @param status a line above the letter (e.g. "Preview — draft"), or empty
 */
public record LetterDocument(
        String title,
        String language,
        boolean rightToLeft,
        String publisherName,
        String status,
        List<BlockText> blocks) {

    public LetterDocument {
        blocks = blocks.stream().filter(b -> !b.text().isBlank()).toList();
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
