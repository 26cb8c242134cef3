/**
 * The Vaadin shell every view shares: the app layout with its side navigation, the public card
 * layout for sign-in and link pages, error views that never show a stack trace, and small form
 * helpers that put a service's field errors next to their fields.
 */
@NullMarked
package org.undersigned.base.ui;

import org.jspecify.annotations.NullMarked;
