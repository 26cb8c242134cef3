package org.undersigned.letter;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.AppRoles;

/**
 * Renders a letter with the server-side template {@code letter/preview.jte}, the same one the
 * public page uses, so that the preview is exactly what will be published. JTE escapes every
 * value: the letter's text is shown as text, never as markup.
 */
@Service
public class LetterPreview {

    private final TemplateEngine templates;
    private final LetterService letters;

    LetterPreview(TemplateEngine templates, LetterService letters) {
        this.templates = templates;
        this.letters = letters;
    }

    /** The current draft as a full HTML page. */
    @Transactional(readOnly = true)
    @PreAuthorize(AppRoles.HAS_USER)
    public String draft(UUID letterId) {
        Letter letter = letters.get(letterId);
        List<BlockText> blocks = letters.blocks(letterId).stream()
                .map(b -> new BlockText(b.id(), b.position(), b.kind(), b.text()))
                .toList();
        return render(new LetterDocument(
                letter.title(),
                letter.language(),
                Languages.rightToLeft(letter.language()),
                letter.publisherName(),
                "Preview — " + letter.state().label().toLowerCase() + ", revision " + letter.revision(),
                blocks));
    }

    /** Renders any letter document; the caller decides who may see it. */
    public String render(LetterDocument document) {
        var out = new StringOutput();
        templates.render("letter/preview.jte", document, out);
        return out.toString();
    }
}
