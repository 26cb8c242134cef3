package org.undersigned.signing;

/**
 * Per letter: how long an invitation stays valid after it is sent, and the automatic reminders
 * (the first after {@code firstReminderDays}, then every {@code reminderEveryDays}, at most
 * {@code maxReminders}).
 */
public record SigningSettings(int expiryDays, int firstReminderDays, int reminderEveryDays, int maxReminders) {

    public static final SigningSettings DEFAULTS = new SigningSettings(30, 3, 4, 3);
}
