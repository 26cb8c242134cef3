package org.undersigned.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.undersigned.Fixtures;
import org.undersigned.TestDatabase;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.RefusedException;

/**
 * The setup link that creates the first administrator. Runs on a database of its own: the
 * shared one may already hold an administrator made by another test, and these tests remove
 * administrators between runs, which only this class may do.
 */
@SpringBootTest
@ActiveProfiles("test")
class FirstAdministratorTest {

    static final String DATABASE = TestDatabase.newDatabase();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add(
                "undersigned.key-directory", () -> TestDatabase.keyDirectory().toString());
    }

    @Autowired
    AccountService accounts;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void noAdministratorYet() {
        jdbc.sql("DELETE FROM action_token WHERE purpose = 'ADMIN_SETUP'").update();
        jdbc.sql("DELETE FROM account WHERE is_admin").update();
    }

    @Test
    void aSetupLinkCreatesTheFirstAdministratorOnce() {
        assertThat(accounts.firstAdministratorNeeded()).isTrue();
        String token = accounts.createSetupToken().orElseThrow();
        assertThat(accounts.setupTokenValid(token)).isTrue();
        String email = Fixtures.uniqueEmail();

        accounts.createFirstAdministrator(
                token, "Ada Admin", " " + email.toUpperCase(), Fixtures.PASSWORD, Fixtures.PASSWORD);

        assertThat(jdbc.sql(
                                "SELECT count(*) FROM account WHERE is_admin AND email = ? AND email_verified_at IS NOT NULL")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(passwordEncoder.matches(
                        Fixtures.PASSWORD,
                        jdbc.sql("SELECT password_hash FROM account WHERE email = ?")
                                .param(email)
                                .query(String.class)
                                .single()))
                .isTrue();
        assertThat(accounts.firstAdministratorNeeded()).isFalse();
        assertThat(accounts.setupTokenValid(token)).isFalse();
        assertThatThrownBy(() -> accounts.createFirstAdministrator(
                        token, "Second", Fixtures.uniqueEmail(), Fixtures.PASSWORD, Fixtures.PASSWORD))
                .isInstanceOf(RefusedException.class);
    }

    @Test
    void everyOutstandingLinkDiesOnceAnAdministratorExists() {
        String first = accounts.createSetupToken().orElseThrow();
        String second = accounts.createSetupToken().orElseThrow();
        assertThat(accounts.setupTokenValid(second)).isTrue();

        accounts.createFirstAdministrator(
                first, "Ada Admin", Fixtures.uniqueEmail(), Fixtures.PASSWORD, Fixtures.PASSWORD);

        assertThat(accounts.setupTokenValid(second)).isFalse();
        assertThat(accounts.createSetupToken()).as("no new link either").isEmpty();
        assertThatThrownBy(() -> accounts.createFirstAdministrator(
                        second, "Mallory", Fixtures.uniqueEmail(), Fixtures.PASSWORD, Fixtures.PASSWORD))
                .isInstanceOf(RefusedException.class);
        assertThat(admins()).isOne();
    }

    @Test
    void aForgedLinkIsRefused() {
        accounts.createSetupToken().orElseThrow();

        assertThat(accounts.setupTokenValid(org.undersigned.base.Tokens.newToken()))
                .isFalse();
        assertThatThrownBy(() -> accounts.createFirstAdministrator(
                        org.undersigned.base.Tokens.newToken(),
                        "Mallory",
                        Fixtures.uniqueEmail(),
                        Fixtures.PASSWORD,
                        Fixtures.PASSWORD))
                .isInstanceOf(RefusedException.class);
        assertThat(admins()).isZero();
    }

    @Test
    void badInputLeavesTheLinkUsable() {
        String token = accounts.createSetupToken().orElseThrow();

        assertThatThrownBy(() -> accounts.createFirstAdministrator(token, "", "not-an-address", "short", "short"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("name", "email", "password"));

        assertThat(accounts.setupTokenValid(token)).isTrue();
        assertThat(admins()).isZero();
    }

    /** Each caller holds its own valid link; without serialisation both would see "no administrator yet". */
    @Test
    void concurrentSetupsCreateExactlyOneAdministrator() throws Exception {
        int callers = 4;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            tokens.add(accounts.createSetupToken().orElseThrow());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (String token : tokens) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        accounts.createFirstAdministrator(
                                token, "Admin", Fixtures.uniqueEmail(), Fixtures.PASSWORD, Fixtures.PASSWORD);
                        return true;
                    } catch (RefusedException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> r : results) {
                if (r.get(60, TimeUnit.SECONDS)) {
                    created++;
                }
            }
            assertThat(created).isOne();
        } finally {
            pool.shutdownNow();
        }
        assertThat(admins()).isOne();
    }

    long admins() {
        return jdbc.sql("SELECT count(*) FROM account WHERE is_admin")
                .query(Long.class)
                .single();
    }
}
