package org.undersigned;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.undersigned.account.OrganisationSignUp;
import org.undersigned.base.AppRoles;
import org.undersigned.base.SignedInUser;

/** Small helpers shared by tests: unique names, a valid sign-up, acting as someone. */
public final class Fixtures {

    public static final String PASSWORD = "correct horse battery staple";

    private Fixtures() {}

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String uniqueEmail() {
        return unique("person") + "@example.org";
    }

    public static OrganisationSignUp signUp(String organisation, String email) {
        return new OrganisationSignUp(
                organisation, "AZ", "https://example.org", "example.org", "Jane Doe", email, PASSWORD, PASSWORD);
    }

    /** Runs the rest of the test as this person (an administrator only with {@code confirmedAdmin}). */
    public static void actAs(UUID accountId, String email, boolean administrator, boolean confirmedAdmin) {
        var user = new SignedInUser(accountId, email, "Test person", administrator);
        var authorities = new java.util.ArrayList<SimpleGrantedAuthority>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + AppRoles.USER));
        if (administrator) {
            authorities.add(new SimpleGrantedAuthority(
                    "ROLE_" + (confirmedAdmin ? AppRoles.ADMIN : AppRoles.ADMIN_PENDING_SECOND_FACTOR)));
        }
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, List.copyOf(authorities)));
    }

    /**
     * A confirmed account with {@link #PASSWORD}, member of the organisation, written straight to
     * the database; returns its email.
     */
    public static String member(JdbcClient jdbc, PasswordEncoder encoder, UUID organisationId, String name) {
        String email = uniqueEmail();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO account (id, email, display_name, password_hash, email_verified_at, created_at)
                        VALUES (?, ?, ?, ?, now(), now())""").params(id, email, name, encoder.encode(PASSWORD)).update();
        jdbc.sql(
                        "INSERT INTO membership (organisation_id, account_id, role, created_at) VALUES (?, ?, 'MEMBER', now())")
                .params(organisationId, id)
                .update();
        return email;
    }

    public static void actAsNobody() {
        SecurityContextHolder.clearContext();
    }
}
