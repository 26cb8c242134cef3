/** The administrators' audit viewer. */
@NullMarked
package org.undersigned.audit.ui;

import org.jspecify.annotations.NullMarked;
