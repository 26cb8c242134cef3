/**
 * Undersigned. Each feature package (account, letter, signing, publication, mail, audit) holds
 * its services and domain types at its root, its JDBC repositories as package-private classes
 * beside them, and its Vaadin views in {@code ui}. {@code base} holds what every feature
 * shares; {@code security} wires sign-in and the filter chains on top of {@code account}.
 */
@NullMarked
package org.undersigned;

import org.jspecify.annotations.NullMarked;
