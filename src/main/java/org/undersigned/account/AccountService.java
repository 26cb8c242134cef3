package org.undersigned.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.account.ActionTokens.ActionToken;
import org.undersigned.account.ActionTokens.Purpose;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.Names;
import org.undersigned.base.RefusedException;
import org.undersigned.base.Text;
import org.undersigned.base.Throttle;

/**
 * What anyone can do before signing in: register an organisation, confirm an email address,
 * reset a password, join an organisation from an invitation, and create the first administrator
 * from the setup link. Every method either does all of its work or none of it.
 */
@Service
public class AccountService {

    static final Duration VERIFY_VALID = Duration.ofHours(48);
    static final Duration RESET_VALID = Duration.ofHours(1);
    static final Duration JOIN_VALID = Duration.ofDays(7);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Throttle.Policy RESET_MAILS =
            new Throttle.Policy(3, Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
    private static final String EXPIRED = "This link has expired or has already been used. Ask for a new one.";

    private final AccountRepository accounts;
    private final OrganisationRepository organisations;
    private final ActionTokens tokens;
    private final AccountMails mails;
    private final PasswordEncoder passwordEncoder;
    private final SessionTermination sessions;
    private final JdbcClient jdbc;
    private final Throttle throttle;
    private final AuditLog audit;
    private final Clock clock;

    AccountService(
            AccountRepository accounts,
            OrganisationRepository organisations,
            ActionTokens tokens,
            AccountMails mails,
            PasswordEncoder passwordEncoder,
            SessionTermination sessions,
            JdbcClient jdbc,
            Throttle throttle,
            AuditLog audit,
            Clock clock) {
        this.accounts = accounts;
        this.organisations = organisations;
        this.tokens = tokens;
        this.mails = mails;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    // --- Registering an organisation -------------------------------------------------------

    /**
     * Registers an organisation with its first owner and mails the owner a confirmation link.
     * When the address already has an account, nothing is created and that address is told so
     * by mail instead; the caller sees the same answer either way, so the form never reveals who
     * has an account (docs/decisions/0005-no-account-enumeration.md).
     *
     * @return the normalised address the mail went to
     * @throws InvalidInputException naming each field that needs correcting; nothing is written
     */
    @Transactional
    public String signUp(OrganisationSignUp form) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = collect(
                errors,
                "organisationName",
                () -> Names.undisguised(
                        "organisationName",
                        "The organisation name",
                        Text.line("organisationName", "Organisation name", form.organisationName(), 200)));
        String country = collect(errors, "country", () -> country(form.country()));
        String website = collect(errors, "website", () -> website(form.website()));
        List<String> domains = collect(errors, "domains", () -> domains(form.domains()));
        String ownerName = collect(errors, "ownerName", () -> personName("ownerName", form.ownerName()));
        String email = collect(errors, "ownerEmail", () -> Text.email("ownerEmail", form.ownerEmail()));
        String password = collect(
                errors,
                "password",
                () -> PasswordPolicy.check(
                        form.password(), form.passwordRepeat(), form.ownerEmail() == null ? "" : form.ownerEmail()));
        if (name != null && organisations.nameTaken(Text.key(name))) {
            errors.put(
                    "organisationName",
                    "An organisation with this name is already registered. If it is yours, ask one of its owners to invite you.");
        } else if (name != null && organisations.lookAlikeTaken(Names.skeleton(name), Names.casedSkeleton(name))) {
            errors.put(
                    "organisationName",
                    "This name looks the same as the name of an organisation already registered (some of its letters look alike, "
                            + "such as a Cyrillic “а” and a Latin “a”, or “rn” and “m”). If it is yours, ask one of its owners to invite you.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = clock.instant();
        if (accounts.findByEmail(email).isPresent()) {
            // Hash anyway: without it this answer comes an Argon2 hash sooner, which tells who
            // has an account as plainly as a message would.
            passwordEncoder.encode(password);
            mails.alreadyRegistered(email, name);
            return email;
        }
        UUID orgId = UUID.randomUUID();
        UUID accountId = UUID.randomUUID();
        try {
            organisations.insert(orgId, name, Text.key(name), country, website, domains, now);
            accounts.insert(accountId, email, ownerName, passwordEncoder.encode(password), false, null, now);
        } catch (DuplicateKeyException raced) {
            // Someone registered the same name or address a moment ago; roll back and say so.
            throw new InvalidInputException(
                    "organisationName",
                    "An organisation with this name, or an account with this email, was registered a moment ago. Please check and try again.");
        }
        organisations.addMember(orgId, accountId, Role.OWNER, now);
        audit.append(
                "ORGANISATION_REGISTERED", "organisation", orgId, null, Map.of("owner", accountId, "country", country));
        String token = tokens.create(Purpose.VERIFY_EMAIL, accountId, orgId, email, null, null, now, VERIFY_VALID);
        mails.verifyEmail(email, ownerName, name, token);
        return email;
    }

    /** The address a confirmation link is for, if the link is still good; changes nothing. */
    @Transactional(readOnly = true)
    public Optional<String> peekEmailVerification(String token) {
        return tokens.peek(Purpose.VERIFY_EMAIL, token, clock.instant()).map(ActionToken::email);
    }

    /** Confirms the address the link was sent to. */
    @Transactional
    public String verifyEmail(String token) {
        Instant now = clock.instant();
        ActionToken t =
                tokens.consume(Purpose.VERIFY_EMAIL, token, now).orElseThrow(() -> new RefusedException(EXPIRED));
        accounts.markVerified(require(t.accountId()), now);
        audit.append("EMAIL_CONFIRMED", "account", require(t.accountId()), null, Map.of());
        return require(t.email());
    }

    // --- Password reset ----------------------------------------------------------------------

    /**
     * Mails a reset link if an active account has this address. The caller always shows the
     * same answer, so the form does not reveal which addresses have accounts.
     */
    @Transactional
    public void requestPasswordReset(String rawEmail) {
        String email = Text.email("email", rawEmail);
        if (throttle.blockedFor("reset-mail", email).isPresent()) {
            return; // at most three reset mails an hour per address: no mail-bombing through this form
        }
        accounts.findByEmail(email).filter(a -> !a.disabled()).ifPresent(a -> {
            throttle.failure("reset-mail", email, RESET_MAILS);
            Instant now = clock.instant();
            tokens.expireOpen(Purpose.PASSWORD_RESET, a.id(), now);
            String token = tokens.create(Purpose.PASSWORD_RESET, a.id(), null, email, null, null, now, RESET_VALID);
            mails.passwordReset(email, a.displayName(), token);
        });
    }

    @Transactional(readOnly = true)
    public Optional<String> peekPasswordReset(String token) {
        return tokens.peek(Purpose.PASSWORD_RESET, token, clock.instant()).map(ActionToken::email);
    }

    /** Sets a new password; the link also proves the address, so it counts as confirmed. */
    @Transactional
    public void resetPassword(String token, String password, String repeat) {
        Instant now = clock.instant();
        String email = peekPasswordReset(token).orElseThrow(() -> new RefusedException(EXPIRED));
        String checked = PasswordPolicy.check(password, repeat, email);
        ActionToken t =
                tokens.consume(Purpose.PASSWORD_RESET, token, now).orElseThrow(() -> new RefusedException(EXPIRED));
        UUID id = require(t.accountId());
        accounts.setPasswordHash(id, passwordEncoder.encode(checked));
        accounts.markVerified(id, now);
        audit.append("PASSWORD_RESET", "account", id, null, Map.of());
        // A reset is how a person locks out someone who learned the old password.
        sessions.endSessionsOf(id);
    }

    // --- Joining an organisation ---------------------------------------------------------------

    @Transactional(readOnly = true)
    public Optional<JoinInvitation> peekJoin(String token) {
        return tokens.peek(Purpose.JOIN_ORGANISATION, token, clock.instant())
                .flatMap(t -> organisations
                        .find(require(t.organisationId()))
                        .map(org -> new JoinInvitation(
                                org.name(),
                                require(t.email()),
                                require(t.role()),
                                accounts.findByEmail(require(t.email()))
                                        .filter(Account::verified)
                                        .isPresent())));
    }

    /**
     * Accepts an invitation. A person who has no account yet gives a name and a password; the
     * link proves their address. A person with a confirmed account needs neither. An account
     * that was registered with the address but never confirmed counts as none: whoever
     * registered it may not own the address, so the person who does sets the name and password.
     */
    @Transactional
    public JoinInvitation acceptJoin(
            String token, @Nullable String name, @Nullable String password, @Nullable String repeat) {
        Instant now = clock.instant();
        JoinInvitation invitation = peekJoin(token).orElseThrow(() -> new RefusedException(EXPIRED));
        UUID accountId;
        Optional<Account> existing = accounts.findByEmail(invitation.email());
        if (existing.isPresent() && existing.get().verified()) {
            accountId = existing.get().id();
        } else {
            Map<String, String> errors = new LinkedHashMap<>();
            String cleanName = collect(errors, "name", () -> personName("name", name));
            String cleanPassword =
                    collect(errors, "password", () -> PasswordPolicy.check(password, repeat, invitation.email()));
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            String hash = passwordEncoder.encode(cleanPassword);
            if (existing.isPresent()) {
                accountId = existing.get().id();
                accounts.setNameAndPasswordHash(accountId, cleanName, hash);
            } else {
                accountId = UUID.randomUUID();
                accounts.insert(accountId, invitation.email(), cleanName, hash, false, now, now);
            }
        }
        ActionToken t =
                tokens.consume(Purpose.JOIN_ORGANISATION, token, now).orElseThrow(() -> new RefusedException(EXPIRED));
        accounts.markVerified(accountId, now);
        organisations.addMember(require(t.organisationId()), accountId, require(t.role()), now);
        audit.append(
                "MEMBER_JOINED",
                "organisation",
                require(t.organisationId()),
                null,
                Map.of("account", accountId, "role", require(t.role())));
        return invitation;
    }

    // --- The first administrator ---------------------------------------------------------------

    /** Whether no administrator exists yet. */
    @Transactional(readOnly = true)
    public boolean firstAdministratorNeeded() {
        return !accounts.adminExists();
    }

    /**
     * Creates a one-time setup link while no administrator exists; every link stays valid until
     * the first administrator is created through any of them. Not public: only the start-up
     * step {@link FirstAdministratorLink} (which prints the link to the operator's log) may mint
     * one, never a view or a request.
     */
    @Transactional
    Optional<String> createSetupToken() {
        if (accounts.adminExists()) {
            return Optional.empty();
        }
        return Optional.of(tokens.create(Purpose.ADMIN_SETUP, null, null, null, null, null, clock.instant(), null));
    }

    @Transactional(readOnly = true)
    public boolean setupTokenValid(String token) {
        return !accounts.adminExists()
                && tokens.peek(Purpose.ADMIN_SETUP, token, clock.instant()).isPresent();
    }

    /** Creates the first administrator. Refused once any administrator exists. */
    @Transactional
    public void createFirstAdministrator(
            String token, String rawName, String rawEmail, String password, String repeat) {
        // Serialise concurrent setups: only one of them can see "no administrator yet".
        jdbc.sql("SELECT pg_advisory_xact_lock(4201)").query().listOfRows();
        Instant now = clock.instant();
        if (!setupTokenValid(token)) {
            throw new RefusedException(
                    "This setup link is no longer valid: an administrator already exists. Sign in instead.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String name = collect(errors, "name", () -> personName("name", rawName));
        String email = collect(errors, "email", () -> Text.email("email", rawEmail));
        String checked = collect(
                errors, "password", () -> PasswordPolicy.check(password, repeat, rawEmail == null ? "" : rawEmail));
        if (email != null && accounts.findByEmail(email).isPresent()) {
            errors.put("email", "This address already has an account. Use another address for the administrator.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        tokens.consume(Purpose.ADMIN_SETUP, token, now).orElseThrow(() -> new RefusedException(EXPIRED));
        UUID adminId = UUID.randomUUID();
        accounts.insert(adminId, email, name, passwordEncoder.encode(checked), true, now, now);
        audit.append("ADMINISTRATOR_CREATED", "account", adminId, null, Map.of("via", "setup-link"));
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A person's display name: a line, with no word disguised in another alphabet (base/Names). */
    private static String personName(String field, @Nullable String raw) {
        return Names.undisguised(field, "Your name", Text.line(field, "Your name", raw, 200));
    }

    private static String country(String raw) {
        String c = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(c)) {
            throw new InvalidInputException("country", "Choose the country from the list.");
        }
        return c;
    }

    static @Nullable String website(@Nullable String raw) {
        String w = Text.optionalLine("website", "Website", raw, 500);
        if (w == null) {
            return null;
        }
        if (!w.contains("://")) {
            w = "https://" + w;
        }
        try {
            URI uri = new URI(w);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http"))
                    || uri.getHost() == null
                    || !uri.getHost().contains(".")) {
                throw new InvalidInputException("website", "Enter the website's address, like https://example.org.");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidInputException("website", "Enter the website's address, like https://example.org.");
        }
    }

    static List<String> domains(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        if (raw.length() > 5000) {
            throw new InvalidInputException("domains", "List at most 20 domains.");
        }
        Set<String> result = new LinkedHashSet<>();
        for (String part : raw.split("[,;\\s]+")) {
            if (!part.isBlank()) {
                result.add(Text.domain("domains", part));
            }
        }
        if (result.size() > 20) {
            throw new InvalidInputException("domains", "List at most 20 domains.");
        }
        return new ArrayList<>(result);
    }

    private static <T> @Nullable T collect(
            Map<String, String> errors, String field, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            e.fieldErrors().forEach(errors::putIfAbsent);
            return null;
        }
    }

    private static <T> T require(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("A token row lacks a column its purpose needs.");
        }
        return value;
    }
}
