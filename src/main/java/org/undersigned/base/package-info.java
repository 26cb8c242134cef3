/**
 * What every feature shares: value types for text and tokens, the current signed-in person and
 * the role names, time, the embedded database for local runs, and the Vaadin app shell. Nothing
 * here depends on a feature package.
 */
@NullMarked
package org.undersigned.base;

import org.jspecify.annotations.NullMarked;
