package org.undersigned.letter;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The details of a letter an editor may change after creating it, as typed. The date, place and
 * footer lines are blocks of the letter and are edited in place like any other block.
 */
public record LetterDetails(
        @Nullable String title,
        @Nullable String language,
        @Nullable UUID publisherOrganisationId) {}
