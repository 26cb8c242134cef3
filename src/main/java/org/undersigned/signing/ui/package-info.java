/** The organisers' Vaadin view of a letter's signatories: invitations, delivery, progress, bulk add, settings. */
@NullMarked
package org.undersigned.signing.ui;

import org.jspecify.annotations.NullMarked;
