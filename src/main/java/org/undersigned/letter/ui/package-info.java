/** Views of letters: the dashboard, and later the editor. */
@NullMarked
package org.undersigned.letter.ui;

import org.jspecify.annotations.NullMarked;
