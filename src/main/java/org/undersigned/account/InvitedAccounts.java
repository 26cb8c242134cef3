package org.undersigned.account;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.Text;

/**
 * Accounts for people who proved an address by following an invitation link sent to it (to
 * co-draft a letter): the feature that checked the link calls this in its own transaction. Not a
 * sign-up form: nothing here may be reached without such a proof, so views never call it.
 */
@Component
public class InvitedAccounts {

    private final AccountRepository accounts;
    private final PasswordEncoder passwordEncoder;

    InvitedAccounts(AccountRepository accounts, PasswordEncoder passwordEncoder) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
    }

    /** The confirmed, active account with this normalised address, if any. */
    public Optional<UUID> confirmedAccount(String email) {
        return accounts.findByEmail(email)
                .filter(a -> a.verified() && !a.disabled())
                .map(Account::id);
    }

    /**
     * Creates a confirmed account for an address the caller has proved, with the name and password
     * the person chose (checked like every other password). An account registered with the address
     * but never confirmed counts as none, as when joining an organisation: whoever registered it may
     * not own the address, so the person who does sets the name and password.
     *
     * @throws InvalidInputException naming each field to correct ("name", "password"); nothing written
     * @throws IllegalStateException when the address already has a confirmed account (callers check)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID createConfirmed(
            String email, @Nullable String name, @Nullable String password, @Nullable String repeat, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanName = null;
        try {
            cleanName = org.undersigned.base.Names.undisguised(
                    "name", "Your name", Text.line("name", "Your name", name, 200));
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        String cleanPassword = null;
        try {
            cleanPassword = PasswordPolicy.check(password, repeat, email);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        if (!errors.isEmpty() || cleanName == null || cleanPassword == null) {
            throw new InvalidInputException(errors);
        }
        var existing = accounts.findByEmail(email);
        if (existing.isPresent() && existing.get().verified()) {
            throw new IllegalStateException("The address already has a confirmed account.");
        }
        String hash = passwordEncoder.encode(cleanPassword);
        UUID accountId;
        if (existing.isPresent()) {
            accountId = existing.get().id();
            accounts.setNameAndPasswordHash(accountId, cleanName, hash);
        } else {
            accountId = UUID.randomUUID();
            accounts.insert(accountId, email, cleanName, hash, false, now, now);
        }
        accounts.markVerified(accountId, now);
        return accountId;
    }
}
