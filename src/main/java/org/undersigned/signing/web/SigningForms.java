package org.undersigned.signing.web;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The small values the signing templates get besides the flow's records. */
public final class SigningForms {

    private SigningForms() {}

    /** What the person typed (or what we know), to fill the review form. */
    public record Typed(
            @Nullable String name,
            @Nullable String role,
            @Nullable String organisation,
            boolean personal) {
        public String nameOrEmpty() {
            return name == null ? "" : name;
        }

        public String roleOrEmpty() {
            return role == null ? "" : role;
        }

        public String organisationOrEmpty() {
            return organisation == null ? "" : organisation;
        }
    }

    /** Field errors for the templates. */
    public record Errors(Map<String, String> byField) {
        public boolean has(String field) {
            return byField.containsKey(field);
        }

        public String of(String field) {
            return byField.getOrDefault(field, "");
        }
    }
}
