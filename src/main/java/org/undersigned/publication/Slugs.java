package org.undersigned.publication;

import com.ibm.icu.text.Transliterator;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The address of a published letter, from its title: transliterated to ASCII (ICU "Any-Latin;
 * Latin-ASCII", with the Azerbaijani schwa as e, which ICU keeps), so Azerbaijani, Georgian, Cyrillic and Arabic titles give readable words), lower
 * case, words joined by hyphens, at most 60 characters at a word boundary. A title that gives
 * nothing usable becomes {@code letter-} and six hex digits; a taken slug gets a hex suffix.
 */
final class Slugs {

    private static final int MAX = 60;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Transliterator TO_ASCII = Transliterator.getInstance("Any-Latin; Latin-ASCII");

    private Slugs() {}

    static String of(String title, Predicate<String> taken) {
        String base = base(title);
        if (base.length() < 3) {
            base = "letter-" + hex();
        }
        String slug = base;
        for (int i = 0; taken.test(slug); i++) {
            if (i > 20) {
                throw new IllegalStateException("No free address for the letter.");
            }
            slug = trim(base, MAX - 7) + "-" + hex();
        }
        return slug;
    }

    static String base(String title) {
        String ascii;
        synchronized (TO_ASCII) {
            ascii = TO_ASCII.transliterate(
                    PublicText.line(title).replace('ə', 'e').replace('Ə', 'E'));
        }
        String words =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return trim(words, MAX);
    }

    private static String trim(String slug, int max) {
        if (slug.length() <= max) {
            return slug;
        }
        String cut = slug.substring(0, max);
        int dash = cut.lastIndexOf('-');
        cut = dash > max / 2 ? cut.substring(0, dash) : cut;
        return cut.replaceAll("-+$", "");
    }

    private static String hex() {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
