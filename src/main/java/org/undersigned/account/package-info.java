/**
 * Accounts, organisations and memberships: sign-up of an organisation with its first owner,
 * email verification, password reset, the first administrator's setup link, members invited by
 * owners, the second factor's secret, and what administrators do to organisations and accounts.
 * Services check access themselves; views in {@code ui} only present them.
 */
@NullMarked
package org.undersigned.account;

import org.jspecify.annotations.NullMarked;
