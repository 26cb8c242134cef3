package org.undersigned.letter;

import java.util.UUID;

/** A person who may draft a letter (for mentions and presence). */
public record Drafter(UUID accountId, String name) {}
