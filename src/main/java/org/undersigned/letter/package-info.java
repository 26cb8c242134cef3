/**
 * Letters and their co-drafting: the letter and its state machine, ordered blocks with optimistic
 * versions, append-only revisions and named versions, word-level diffs, comments anchored to
 * blocks, suggestions, the import of an existing text with its signature block, the preview, and
 * live updates between open editors (in memory, fed by PostgreSQL LISTEN/NOTIFY across
 * instances). It also answers what signing needs of a letter ({@link
 * org.undersigned.letter.SigningLetters}): signing builds on co-drafting, never the other way.
 */
@NullMarked
package org.undersigned.letter;

import org.jspecify.annotations.NullMarked;
