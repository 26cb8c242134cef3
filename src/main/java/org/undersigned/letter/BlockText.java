package org.undersigned.letter;

import java.util.UUID;

/** A block's text as of one revision. */
public record BlockText(UUID blockId, int position, BlockKind kind, String text) {}
