package org.undersigned.letter;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An imported letter as the person corrected it, ready to be created. */
public record ImportDraft(
        @Nullable String title,
        @Nullable String language,
        @Nullable UUID publisherOrganisationId,
        List<LetterImport.ImportedBlock> blocks,
        List<LetterImport.ImportedSignatory> signatories) {

    public ImportDraft {
        blocks = List.copyOf(blocks);
        signatories = List.copyOf(signatories);
    }
}
