/**
 * The publication screens of the Vaadin app: the team's way to publication of one letter
 * (request, rejection note, public links) and the administrators' review queue.
 */
@NullMarked
package org.undersigned.publication.ui;

import org.jspecify.annotations.NullMarked;
