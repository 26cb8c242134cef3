package org.undersigned.signing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.Text;

/**
 * The display line a signer confirms: name, role, organisation, or "in personal capacity" instead
 * of the organisation. One-line fields under {@code base.Text}: no line breaks, no direction
 * overrides, NFC; everything else, every script, is kept exactly.
 */
public record SignerDetails(
        String displayName,
        @Nullable String roleLine,
        @Nullable String organisation,
        boolean personalCapacity) {

    /** Applies the text rules; errors are reported per field ({@code name}, {@code role}, {@code organisation}). */
    public static SignerDetails of(
            @Nullable String name, @Nullable String role, @Nullable String organisation, boolean personalCapacity) {
        Map<String, String> errors = new LinkedHashMap<>();
        String n = null;
        String r = null;
        String o = null;
        try {
            n = Text.line("name", "Your name", name, Invitee.NAME_MAX);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        try {
            r = Text.optionalLine("role", "Your role", role, Invitee.LINE_MAX);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        try {
            o = Text.optionalLine("organisation", "Organisation", organisation, Invitee.LINE_MAX);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new SignerDetails(n, r, personalCapacity ? null : o, personalCapacity);
    }

    public String displayLine() {
        return displayLine(displayName, roleLine, organisation, personalCapacity);
    }

    static String displayLine(
            String name, @Nullable String role, @Nullable String organisation, boolean personalCapacity) {
        List<String> parts = new ArrayList<>();
        parts.add(name);
        if (role != null) {
            parts.add(role);
        }
        if (personalCapacity) {
            parts.add("in personal capacity");
        } else if (organisation != null) {
            parts.add(organisation);
        }
        return String.join(", ", parts);
    }
}
