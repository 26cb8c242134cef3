/**
 * Letters and their co-drafting: blocks, revisions, comments, suggestions. For now it holds only
 * the dashboard, which lists the letters a person can see once drafting exists.
 */
@NullMarked
package org.undersigned.letter;

import org.jspecify.annotations.NullMarked;
