package org.undersigned.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.EveryPublicMethod;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.Names;

/**
 * Sign-up refuses an organisation name that can be mistaken for a registered one, and names
 * that disguise their alphabet, on the real PostgreSQL; honest names in any one script per word
 * register and come back exactly.
 */
@IntegrationTest
class LookAlikeOrganisationNamesTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void nobody() {
        Fixtures.actAsNobody();
    }

    /** A word of its own in every name, so that names in this run never meet other tests' names. */
    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9]", "x");
    }

    private String register(String name) {
        EveryPublicMethod.actAsAnonymous();
        String email = Fixtures.uniqueEmail();
        accounts.signUp(Fixtures.signUp(name, email));
        return jdbc.sql("SELECT o.name FROM organisation o JOIN membership m ON m.organisation_id = o.id "
                        + "JOIN account a ON a.id = m.account_id WHERE a.email = ?")
                .param(email)
                .query(String.class)
                .single();
    }

    private void refused(String name, String message) {
        long before = count();
        assertThatThrownBy(() -> register(name))
                .as(name)
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("organisationName")).contains(message));
        assertThat(count()).as("nothing written for " + name).isEqualTo(before);
    }

    private long count() {
        return jdbc.sql("SELECT (SELECT count(*) FROM organisation) + (SELECT count(*) FROM account)")
                .query(Long.class)
                .single();
    }

    @Test
    void aNameThatLooksLikeARegisteredOneIsRefused() {
        String tag = tag();
        register("Amnesty International " + tag);
        String looksTheSame = "looks the same as the name of an organisation already registered";
        refused("\u0410mnesty International " + tag, "mixes letters of different alphabets"); // Cyrillic А
        refused("AMN\u0415STY INTERNATIONAL " + tag.toUpperCase(), "mixes letters of different alphabets");
        refused("Arnnesty International " + tag, looksTheSame); // rn for m
        refused("Amnesty\u200C International " + tag, looksTheSame); // a zero-width non-joiner
        refused("Amnesty International  " + tag, "already registered"); // the same key
        refused("Amnes\u00ADty International " + tag, "invisible characters"); // soft hyphen
    }

    @Test
    void aNameWhollyInAnotherAlphabetThatLooksTheSameIsRefused() {
        String tag = tag();
        register("Ace Coop " + tag);
        // Every letter Cyrillic, each word in one alphabet: only the skeleton tells.
        refused("\u0410\u0441\u0435 \u0421\u043E\u043E\u0440 " + tag, "looks the same");
    }

    @Test
    void aCapitalIForASmallLIsRefused() {
        String tag = tag();
        register("PayPal Watch " + tag);
        refused("PayPaI Watch " + tag, "looks the same");
    }

    @Test
    void honestNamesInEveryScriptRegisterAndComeBackExactly() {
        for (String name : List.of(
                "Azərbaycan İnsan Hüquqları Cəmiyyəti ğışçöü",
                "საქართველოს ახალგაზრდა იურისტთა ასოციაცია",
                "Правозащитный центр «Мемориал»",
                "مركز القاهرة لدراسات حقوق الإنسان",
                "Ελληνικό Παρατηρητήριο του Ελσίνκι",
                "საია — GYLA")) {
            String full = name + " " + tag();
            assertThat(register(full)).isEqualTo(full);
        }
    }

    @Test
    void theDatabaseRefusesALookAlikeThatRacesPastTheCheck() {
        String tag = tag();
        register("Freedom House " + tag);
        String lookAlike = "Freed\u043Em H\u043Euse " + tag; // would be refused by the form; the index holds anyway
        assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO organisation (id, name, name_key, name_skeleton, name_skeleton_cased, country, created_at)
                        VALUES (?, ?, ?, ?, ?, 'AZ', now())""")
                        .params(
                                UUID.randomUUID(),
                                lookAlike,
                                lookAlike.toLowerCase(),
                                Names.skeleton(lookAlike),
                                Names.casedSkeleton(lookAlike))
                        .update())
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void yourNameMayNotMixAlphabetsInAWordEither() {
        EveryPublicMethod.actAsAnonymous();
        var form = new OrganisationSignUp(
                "Committee " + tag(),
                "AZ",
                "https://example.org",
                "example.org",
                "J\u0430ne Doe",
                Fixtures.uniqueEmail(),
                Fixtures.PASSWORD,
                Fixtures.PASSWORD);
        assertThatThrownBy(() -> accounts.signUp(form))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("ownerName")).contains("mixes letters"));
    }
}
