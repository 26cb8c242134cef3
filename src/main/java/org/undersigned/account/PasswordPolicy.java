package org.undersigned.account;

import java.text.Normalizer;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.undersigned.base.InvalidInputException;

/**
 * Passwords: at least 12 characters, hashed with Argon2id through Spring Security's delegating
 * encoder (so the algorithm can change later without locking anyone out; bcrypt hashes are still
 * read).
 */
@Configuration(proxyBeanMethods = false)
class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;

    @Bean
    PasswordEncoder passwordEncoder() {
        String current = "argon2";
        Map<String, PasswordEncoder> encoders = Map.of(
                current, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt", new BCryptPasswordEncoder());
        return new DelegatingPasswordEncoder(current, encoders);
    }

    /**
     * Checks a new password and returns it NFC-normalised (so that the same password typed on
     * another keyboard still matches).
     */
    static String check(String password, String repeat, String email) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("password", "Choose a password.");
        }
        String p = Normalizer.normalize(password, Normalizer.Form.NFC);
        int length = p.codePointCount(0, p.length());
        if (length < MIN_LENGTH) {
            throw new InvalidInputException(
                    "password",
                    "Use at least " + MIN_LENGTH + " characters; a few words together are easy to remember.");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInputException("password", "Use at most " + MAX_LENGTH + " characters.");
        }
        if (p.equalsIgnoreCase(email)) {
            throw new InvalidInputException("password", "Your password cannot be your email address.");
        }
        if (repeat == null || !p.equals(Normalizer.normalize(repeat, Normalizer.Form.NFC))) {
            throw new InvalidInputException("passwordRepeat", "The two passwords are not the same.");
        }
        return p;
    }
}
