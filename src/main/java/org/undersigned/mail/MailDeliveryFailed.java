package org.undersigned.mail;

/**
 * Published when a mail can never be delivered (a permanent SMTP refusal, or retries exhausted),
 * so that the feature that queued it can show the failure (an invitation becomes bounced).
 */
public record MailDeliveryFailed(long outboxId, String kind, String recipient, String reason) {}
