/** The sign-in pages: login, the first administrator's setup, password reset, the second factor. */
@NullMarked
package org.undersigned.security.ui;

import org.jspecify.annotations.NullMarked;
