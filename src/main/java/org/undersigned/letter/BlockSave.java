package org.undersigned.letter;

/**
 * What became of a save: either it was saved, or someone else saved the block first and
 * nothing was saved: the person is shown both texts to merge.
 */
public sealed interface BlockSave {

    /** The block as saved, with its new version. */
    record Saved(Block block) implements BlockSave {}

    /**
     * Someone saved the block since the person started. {@code theirs} is the block as it is
     * now; {@code yours} the text that was not saved.
     */
    record Conflict(Block theirs, String yours) implements BlockSave {}
}
