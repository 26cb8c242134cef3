package org.undersigned.signing;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.Text;

/** An invitee after the text rules: one-line fields, a normalised email, a language tag. */
record Invitee(
        String name, @Nullable String roleLine, @Nullable String organisation, String email, String language) {

    static final int NAME_MAX = 200;
    static final int LINE_MAX = 300;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    /** Applies the rules to every field, reporting all problems at once. */
    static Invitee of(NewInvitee raw) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = null;
        String role = null;
        String organisation = null;
        String email = null;
        String language = "en";
        try {
            name = Text.line("name", "Name", raw.name(), NAME_MAX);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        try {
            role = Text.optionalLine("role", "Role", raw.roleLine(), LINE_MAX);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        try {
            organisation = Text.optionalLine("organisation", "Organisation", raw.organisation(), LINE_MAX);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        try {
            email = normaliseEmail(raw.email());
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        if (raw.language() != null && !raw.language().isBlank()) {
            String l = raw.language().strip().toLowerCase(Locale.ROOT);
            if (!LANGUAGE.matcher(l).matches()) {
                errors.put("language", "Give the language as a short code such as en, az, ka or ru.");
            } else {
                language = l;
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Invitee(name, role, organisation, email, language);
    }

    /**
     * An email as stored and compared: compatibility-normalised first (a full-width "Ｊ" is a "j"),
     * then the platform's email rule (NFC, trimmed, lower case).
     */
    static String normaliseEmail(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("email", "Email is required.");
        }
        if (raw.length() > 1100) {
            throw new InvalidInputException("email", "Enter an email address like name@example.org.");
        }
        return Text.email("email", Normalizer.normalize(raw, Normalizer.Form.NFKC));
    }
}
