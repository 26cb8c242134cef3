package org.undersigned.signing;

import java.text.Collator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Puts the signatures that count in the chosen order; see
 * docs/decisions/0022-ordering-the-signature-list.md. Every order ends with the signing time and
 * the signature id, so that it is total and the same on every run.
 */
final class ListOrdering {

    /** A signature that counts for the frozen text, with what ordering needs. */
    record Counted(
            UUID id,
            String displayName,
            @Nullable String roleLine,
            @Nullable String organisation,
            boolean personalCapacity,
            boolean codeVerified,
            boolean domainMatched,
            Instant signedAt,
            @Nullable String familyName,
            @Nullable Integer handPosition) {

        /** The family name used for alphabetical order: corrected by hand, or the last word of the name. */
        String sortName() {
            return familyName != null ? familyName : familyNameOf(displayName);
        }

        LockedList.Line line(int position) {
            return new LockedList.Line(
                    position,
                    id,
                    displayName,
                    roleLine,
                    organisation,
                    personalCapacity,
                    VerificationLevel.of(codeVerified, domainMatched),
                    signedAt);
        }
    }

    private ListOrdering() {}

    /**
     * The last word of a name, as a default family name: right for most names written in Latin,
     * Cyrillic, Georgian or Arabic script ("Leyla Məmmədova" → "Məmmədova"), wrong for some (family
     * name first, particles), which the team corrects by hand.
     */
    static String familyNameOf(String displayName) {
        String[] words = displayName.strip().split("[\\s\\p{Zs}]+");
        return words[words.length - 1];
    }

    static List<Counted> sort(List<Counted> signatures, ListOrder order, Locale locale) {
        Comparator<Counted> bySigning = Comparator.comparing(Counted::signedAt).thenComparing(Counted::id);
        Comparator<Counted> comparator = switch (order) {
            case SIGNING_TIME -> bySigning;
            case FAMILY_NAME -> {
                Collator collator = Collator.getInstance(locale);
                collator.setStrength(Collator.TERTIARY);
                Comparator<Counted> byFamily = (a, b) -> collator.compare(a.sortName(), b.sortName());
                yield byFamily.thenComparing((a, b) -> collator.compare(a.displayName(), b.displayName()))
                        .thenComparing(bySigning);
            }
            case BY_HAND ->
                Comparator.comparing(Counted::handPosition, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(bySigning);
        };
        List<Counted> sorted = new ArrayList<>(signatures);
        sorted.sort(comparator);
        return sorted;
    }

    static List<LockedList.Line> lines(List<Counted> sorted) {
        List<LockedList.Line> lines = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            lines.add(sorted.get(i).line(i + 1));
        }
        return lines;
    }
}
