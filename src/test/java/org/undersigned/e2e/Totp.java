package org.undersigned.e2e;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;

/** What an authenticator app does with the key shown at enrolment. */
final class Totp {

    private Totp() {}

    /** The code for the time step {@code stepsAhead} steps from now (1 = the next 30 s window). */
    static String code(String base32Secret, int stepsAhead) {
        try {
            var generator = new TimeBasedOneTimePasswordGenerator();
            var key = new SecretKeySpec(decode(base32Secret), generator.getAlgorithm());
            long step = Instant.now().getEpochSecond() / 30 + stepsAhead;
            return String.format("%06d", generator.generateOneTimePassword(key, Instant.ofEpochSecond(step * 30)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] decode(String base32) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : base32.strip().toUpperCase().toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
