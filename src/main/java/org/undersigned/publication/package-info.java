/**
 * Publication: the platform's signing key and signed manifests, the verification page, the
 * PDF exports with embedded fonts, and (with the letters) locking, the four-eyes approval and
 * the public pages served from stored bytes.
 */
@NullMarked
package org.undersigned.publication;

import org.jspecify.annotations.NullMarked;
