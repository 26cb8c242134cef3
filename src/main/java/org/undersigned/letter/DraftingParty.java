package org.undersigned.letter;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An organisation or a single person drafting a letter. */
public record DraftingParty(
        UUID id,
        @Nullable UUID organisationId,
        @Nullable UUID accountId,
        String name,
        DraftingRole role,
        boolean publisher) {}
