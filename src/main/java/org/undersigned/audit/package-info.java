/**
 * The hash-chained audit log: every state change in the platform appends a row (in the
 * transaction of the change) whose hash covers the previous row's hash and its own canonical
 * content; the verification walks the chain and names the first broken row. Rows hold ids,
 * never names or emails.
 */
@NullMarked
package org.undersigned.audit;

import org.jspecify.annotations.NullMarked;
