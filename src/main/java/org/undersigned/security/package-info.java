/**
 * Sign-in and the filter chains: the Vaadin chain with its login view, the strict chain for the
 * server-rendered public pages, sign-in throttling per account and per client, the second-factor
 * step-up for administrators, session ending, and the first administrator's setup link in the
 * log. Builds on {@code account} for the accounts themselves.
 */
@NullMarked
package org.undersigned.security;

import org.jspecify.annotations.NullMarked;
