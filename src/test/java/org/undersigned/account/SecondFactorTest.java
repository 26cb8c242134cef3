package org.undersigned.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.undersigned.EveryPublicMethod;
import org.undersigned.Fixtures;
import org.undersigned.IntegrationTest;
import org.undersigned.base.RefusedException;

/**
 * An administrator's authenticator app, as the app itself would compute codes: from the Base32
 * secret shown at enrolment, with an independent TOTP implementation's defaults (RFC 6238).
 */
@IntegrationTest
class SecondFactorTest {

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    AccountService accounts;

    @Autowired
    OrganisationService organisations;

    @Autowired
    JdbcClient jdbc;

    AccountScenarios scenarios;
    UUID admin;
    String adminEmail;

    @BeforeEach
    void pendingAdministrator() {
        scenarios = new AccountScenarios(accounts, organisations, jdbc);
        adminEmail = Fixtures.uniqueEmail();
        admin = scenarios.administrator(adminEmail);
        Fixtures.actAs(admin, adminEmail, true, false);
    }

    @AfterEach
    void signOut() {
        Fixtures.actAsNobody();
    }

    @Test
    void aCodeFromTheAuthenticatorAppConfirmsTheEnrolmentAndWorksOnlyOnce() {
        assertThat(secondFactor.enrolled()).isFalse();
        SecondFactor.Enrolment enrolment = secondFactor.startEnrolment();
        assertThat(enrolment.otpauthUri())
                .startsWith("otpauth://totp/Undersigned%3A")
                .contains("secret=" + enrolment.secretBase32())
                .contains("issuer=Undersigned");
        String code = code(enrolment.secretBase32(), Instant.now());

        assertThat(secondFactor.verify(code)).isTrue();

        assertThat(secondFactor.enrolled()).isTrue();
        assertThat(secondFactor.verify(code))
                .as("the same code again is a replay")
                .isFalse();
        assertThat(scenarios.count(
                        "SELECT count(*) FROM account WHERE id = ? AND totp_confirmed_at IS NOT NULL", admin))
                .isOne();
    }

    @Test
    void theSecretIsStoredSealedNotInTheClear() {
        SecondFactor.Enrolment enrolment = secondFactor.startEnrolment();
        byte[] secret = base32(enrolment.secretBase32());

        byte[] stored = jdbc.sql("SELECT totp_secret FROM account WHERE id = ?")
                .param(admin)
                .query(byte[].class)
                .single();

        assertThat(stored).isNotEmpty();
        assertThat(indexOf(stored, secret)).isEqualTo(-1);
    }

    @Test
    void aWrongOrMalformedCodeIsRefusedAndDoesNotConfirm() {
        SecondFactor.Enrolment enrolment = secondFactor.startEnrolment();

        assertThat(secondFactor.verify(wrongCode(enrolment.secretBase32()))).isFalse();
        assertThat(secondFactor.verify("12345")).isFalse();
        assertThat(secondFactor.verify("abcdef")).isFalse();
        assertThat(secondFactor.verify(null)).isFalse();

        assertThat(secondFactor.enrolled()).isFalse();
    }

    @Test
    void fiveWrongCodesBlockFurtherTriesEvenTheRightOne() {
        SecondFactor.Enrolment enrolment = secondFactor.startEnrolment();
        String wrong = wrongCode(enrolment.secretBase32());
        for (int i = 0; i < 5; i++) {
            assertThat(secondFactor.verify(wrong)).as("try %d", i + 1).isFalse();
        }

        assertThatThrownBy(() -> secondFactor.verify(wrong))
                .isInstanceOf(RefusedException.class)
                .hasMessageStartingWith("Too many wrong codes");
        String right = code(enrolment.secretBase32(), Instant.now());
        assertThatThrownBy(() -> secondFactor.verify(right)).isInstanceOf(RefusedException.class);
        assertThat(secondFactor.enrolled()).isFalse();
    }

    /** Otherwise someone who has only the password could replace the administrator's app. */
    @Test
    void aConfirmedEnrolmentCannotBeReplaced() {
        SecondFactor.Enrolment enrolment = secondFactor.startEnrolment();
        assertThat(secondFactor.verify(code(enrolment.secretBase32(), Instant.now())))
                .isTrue();

        assertThatThrownBy(() -> secondFactor.startEnrolment()).isInstanceOf(RefusedException.class);
    }

    @Test
    void aNewEnrolmentBeforeConfirmationReplacesTheSecret() {
        SecondFactor.Enrolment first = secondFactor.startEnrolment();
        SecondFactor.Enrolment second = secondFactor.startEnrolment();

        assertThat(second.secretBase32()).isNotEqualTo(first.secretBase32());
        String fromFirst = code(first.secretBase32(), Instant.now());
        if (!fromFirst.equals(code(second.secretBase32(), Instant.now()))) {
            assertThat(secondFactor.verify(fromFirst)).isFalse();
        }
        assertThat(secondFactor.verify(code(second.secretBase32(), Instant.now())))
                .isTrue();
    }

    @Test
    void someoneWhoIsNotAnAdministratorCannotEnrol() {
        AccountScenarios.Registered org = scenarios.organisation();
        org.actAsOwner();

        assertThatThrownBy(() -> secondFactor.startEnrolment()).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> secondFactor.verify("123456")).isInstanceOf(RefusedException.class);
        assertThat(scenarios.count("SELECT count(*) FROM account WHERE id = ? AND totp_secret IS NULL", org.ownerId()))
                .isOne();
    }

    @Test
    void anonymousCallersAreDenied() {
        EveryPublicMethod.actAsAnonymous();
        EveryPublicMethod.refuses(secondFactor, SecondFactor.class, AccessDeniedException.class);
    }

    // --- what an authenticator app does -----------------------------------------------------------

    static String code(String base32Secret, Instant at) {
        try {
            var totp = new TimeBasedOneTimePasswordGenerator();
            var key = new SecretKeySpec(base32(base32Secret), totp.getAlgorithm());
            return String.format("%06d", totp.generateOneTimePassword(key, at));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A six-digit code that matches none of the steps the service accepts around now. */
    static String wrongCode(String base32Secret) {
        Instant now = Instant.now();
        Set<String> valid = new HashSet<>();
        for (int s = -2; s <= 2; s++) {
            valid.add(code(base32Secret, now.plusSeconds(30L * s)));
        }
        for (int candidate = 0; ; candidate++) {
            String c = String.format("%06d", candidate);
            if (!valid.contains(c)) {
                return c;
            }
        }
    }

    /** RFC 4648 Base32, as authenticator apps read it (no padding). */
    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("Not Base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
