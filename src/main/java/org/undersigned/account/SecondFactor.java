package org.undersigned.account;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.AppRoles;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.PlatformKeys;
import org.undersigned.base.RefusedException;
import org.undersigned.base.SignedInUser;
import org.undersigned.base.Throttle;

/**
 * The second factor of administrators: a TOTP secret (RFC 6238, 30 s, 6 digits, SHA-1, as every
 * authenticator app reads it), sealed with the platform key in the database. A code is accepted
 * once: a time step already used cannot be replayed. Five wrong codes block further tries for a
 * while.
 */
@Service
@PreAuthorize(AppRoles.HAS_USER)
public class SecondFactor {

    /** What the person copies into an authenticator app. */
    public record Enrolment(String secretBase32, String otpauthUri) {}

    static final Throttle.Policy WRONG_CODES =
            new Throttle.Policy(5, Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofHours(1));
    private static final String SEAL = "totp-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountRepository accounts;
    private final PlatformKeys keys;
    private final Throttle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();

    SecondFactor(AccountRepository accounts, PlatformKeys keys, Throttle throttle, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.keys = keys;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the signed-in person has confirmed an authenticator app. */
    @Transactional(readOnly = true)
    public boolean enrolled() {
        return accounts.secondFactor(CurrentUser.requireId())
                .map(c -> c.totpConfirmedAt() != null)
                .orElse(false);
    }

    /** Creates a new secret for an administrator who has not confirmed one yet. */
    @Transactional
    public Enrolment startEnrolment() {
        SignedInUser me = requireAdministratorAccount();
        if (enrolled()) {
            throw new RefusedException("An authenticator app is already set up for this account.");
        }
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        accounts.setPendingTotpSecret(me.accountId(), keys.seal(SEAL, secret));
        String base32 = Base32.encode(secret);
        String label = URLEncoder.encode("Undersigned:" + me.email(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + base32
                + "&issuer=Undersigned&algorithm=SHA1&digits=6&period=30";
        return new Enrolment(base32, uri);
    }

    /**
     * Checks a code from the authenticator app; the first good code also confirms the
     * enrolment.
     *
     * @throws RefusedException when too many wrong codes were entered recently
     */
    @Transactional(noRollbackFor = RefusedException.class)
    public boolean verify(String code) {
        SignedInUser me = requireAdministratorAccount();
        String key = me.accountId().toString();
        throttle.blockedFor("totp", key).ifPresent(d -> {
            throw new RefusedException("Too many wrong codes. Try again in " + Throttle.describe(d) + ".");
        });
        String digits = code == null ? "" : code.replaceAll("\\s", "");
        if (!digits.matches("\\d{6}")) {
            throttle.failure("totp", key, WRONG_CODES);
            return false;
        }
        var columns = accounts.secondFactor(me.accountId()).orElseThrow();
        if (columns.totpSecret() == null) {
            return false;
        }
        var secret = new SecretKeySpec(keys.open(SEAL, columns.totpSecret()), totp.getAlgorithm());
        Instant now = clock.instant();
        long step = now.getEpochSecond() / 30;
        for (long s = step - 1; s <= step + 1; s++) {
            if (matches(secret, s, Integer.parseInt(digits))) {
                boolean firstUse = columns.totpConfirmedAt() == null;
                if (accounts.useTotpStep(me.accountId(), s, now)) {
                    if (firstUse) {
                        audit.append(
                                "SECOND_FACTOR_ENROLLED",
                                "account",
                                me.accountId(),
                                null,
                                java.util.Map.of("method", "totp"));
                    }
                    throttle.reset("totp", key);
                    return true;
                }
                break; // a replayed code
            }
        }
        throttle.failure("totp", key, WRONG_CODES);
        return false;
    }

    private boolean matches(SecretKeySpec secret, long step, int code) {
        try {
            return totp.generateOneTimePassword(secret, Instant.ofEpochSecond(step * 30)) == code;
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SignedInUser requireAdministratorAccount() {
        SignedInUser me = CurrentUser.require();
        if (!me.administrator()) {
            throw new RefusedException("Only administrators use a second factor on Undersigned.");
        }
        return me;
    }

    /** RFC 4648 Base32 without padding, as authenticator apps expect. */
    static final class Base32 {
        private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

        static String encode(byte[] data) {
            var out = new StringBuilder((data.length * 8 + 4) / 5);
            int buffer = 0;
            int bits = 0;
            for (byte b : data) {
                buffer = (buffer << 8) | (b & 0xff);
                bits += 8;
                while (bits >= 5) {
                    out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                    bits -= 5;
                }
            }
            if (bits > 0) {
                out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
            }
            return out.toString();
        }

        private Base32() {}
    }
}
