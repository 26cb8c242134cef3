/** Views of accounts and organisations: sign-up, confirmation and join links, members, administration. */
@NullMarked
package org.undersigned.account.ui;

import org.jspecify.annotations.NullMarked;
