/**
 * Email. Every mail is a {@code mail_outbox} row written by {@link org.undersigned.mail.MailOutbox}
 * in the transaction of the change that causes it; the {@code MailDispatcher} sends due rows
 * ({@code FOR UPDATE SKIP LOCKED}), retries temporary SMTP failures with backoff and marks
 * permanent ones. With no SMTP host configured, mails are captured and shown to administrators
 * in the in-app mailbox ({@code ui}).
 */
@NullMarked
package org.undersigned.mail;

import org.jspecify.annotations.NullMarked;
