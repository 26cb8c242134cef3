/** Administrators' views of mail: the captured mailbox (local runs) and the outbox monitor. */
@NullMarked
package org.undersigned.mail.ui;

import org.jspecify.annotations.NullMarked;
