package org.undersigned.letter;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a person types to start a letter. The date line, place and footer become the letter's
 * first blocks.
 */
public record NewLetter(
        @Nullable String title,
        @Nullable String language,
        @Nullable UUID publisherOrganisationId,
        @Nullable String dateLine,
        @Nullable String place,
        @Nullable String footer) {}
