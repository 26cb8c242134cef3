package org.undersigned.account;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.undersigned.mail.MailMessage;
import org.undersigned.mail.MailOutbox;

/** The mails the account feature sends, each queued in the caller's transaction. */
@Component
class AccountMails {

    private final MailOutbox outbox;
    private final String baseUrl;

    AccountMails(MailOutbox outbox, @Value("${undersigned.base-url}") String baseUrl) {
        this.outbox = outbox;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String link(String path) {
        return baseUrl + path;
    }

    void verifyEmail(String to, String name, String organisationName, String token) {
        outbox.enqueue(
                "VERIFY_EMAIL",
                new MailMessage(
                        to,
                        "Confirm your email address for Undersigned",
                        "Hello " + name + ",",
                        List.of(
                                "You registered " + organisationName
                                        + " on Undersigned. Please confirm that this email address is yours before you sign in."),
                        "Confirm my email address",
                        link("/account/verify/" + token),
                        List.of("This link works once and expires in 48 hours.")));
    }

    void alreadyRegistered(String to, String organisationName) {
        outbox.enqueue(
                "ALREADY_REGISTERED",
                new MailMessage(
                        to,
                        "You already have an Undersigned account",
                        "Hello,",
                        List.of(
                                "Someone tried to register the organisation “" + organisationName
                                        + "” on Undersigned with this email address. An account with this address already exists, so nothing was created."),
                        "Sign in",
                        link("/login"),
                        List.of(
                                "If you forgot your password, choose “Forgot password?” on the sign-in page.",
                                "If this was not you, you can ignore this email: your account is unchanged.")));
    }

    void passwordReset(String to, String name, String token) {
        outbox.enqueue(
                "PASSWORD_RESET",
                new MailMessage(
                        to,
                        "Reset your Undersigned password",
                        "Hello " + name + ",",
                        List.of(
                                "Someone asked to reset the password of your Undersigned account. If it was you, choose a new password here."),
                        "Choose a new password",
                        link("/account/reset/" + token),
                        List.of(
                                "This link works once and expires in one hour.",
                                "If it was not you, ignore this email: your password stays as it is.")));
    }

    void joinOrganisation(String to, String inviterName, String organisationName, Role role, String token) {
        outbox.enqueue(
                "JOIN_ORGANISATION",
                new MailMessage(
                        to,
                        "Join " + organisationName + " on Undersigned",
                        "Hello,",
                        List.of(
                                inviterName + " invites you to join " + organisationName + " on Undersigned as "
                                        + (role == Role.OWNER ? "an owner" : "a member")
                                        + ". Undersigned is where organisations draft open letters together and collect verified signatures."),
                        "Accept the invitation",
                        link("/account/join/" + token),
                        List.of(
                                "This link works once and expires in 7 days. If you do not want to join, ignore this email.")));
    }
}
