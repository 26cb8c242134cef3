package org.undersigned.account;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An organisation, with the email domains it uses. */
public record Organisation(
        UUID id,
        String name,
        String country,
        @Nullable String website,
        List<String> domains,
        @Nullable Instant verifiedAt,
        Instant createdAt) {

    public Organisation {
        domains = List.copyOf(domains);
    }

    public boolean verified() {
        return verifiedAt != null;
    }

    /** The country's English name, e.g. "Azerbaijan". */
    public String countryName() {
        return Locale.of("", country).getDisplayCountry(Locale.ENGLISH);
    }
}
