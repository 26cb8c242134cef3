package org.undersigned.base;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.SpoofChecker;
import java.util.regex.Pattern;

/**
 * Names that could pass for someone else's (Unicode Technical Standard #39, through ICU4J's
 * {@link SpoofChecker}). Two rules, on top of {@link Text}'s:
 *
 * <ul>
 *   <li>{@link #undisguised}: a word may not mix scripts ("Аmnesty" with a Cyrillic А, "Ꭺmnesty"
 *       with a Cherokee Ꭺ), digits may not come from two numbering systems, a mark may not be
 *       stacked on itself, and invisible characters (soft hyphen, Hangul fillers, variation
 *       selectors, tags …) are refused. Words each wholly in one script are welcome, together
 *       too: "Human Rights House Azərbaycan", "საია — GYLA", "Мемориал HRC".
 *   <li>{@link #skeleton} and {@link #casedSkeleton}: the UTS #39 skeleton of a name, folded
 *       and as written, with invisible characters dropped; two names with the same skeleton look
 *       alike ("Amnesty" and "Аmnesty", "PayPal" and "PayPaI", "rn" and "m"). Organisation names
 *       are unique by both.
 * </ul>
 *
 * See docs/decisions/0061-confusable-names.md.
 */
public final class Names {

    /** One word at a time: Latin with Han/Kana/Hangul/Bopomofo as East Asian names need, nothing else mixed. */
    private static final SpoofChecker WORD = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .build();

    private static final SpoofChecker WHOLE = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.MIXED_NUMBERS | SpoofChecker.INVISIBLE)
            .build();

    private static final SpoofChecker SKELETON =
            new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();

    /** Words are separated by white space, punctuation and symbols (which are common to all scripts). */
    private static final Pattern WORD_BREAK = Pattern.compile("[\\s\\p{Zs}\\p{P}\\p{S}]+");

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    private Names() {}

    /**
     * Refuses a name (already through {@link Text#line}) that disguises the script it is written
     * in; returns it unchanged otherwise.
     *
     * @throws InvalidInputException naming {@code field}
     */
    public static String undisguised(String field, String label, String name) {
        if (hasInvisible(name)) {
            throw new InvalidInputException(
                    field,
                    label + " contains invisible characters (such as a soft hyphen or a filler). Please remove them.");
        }
        for (String word : WORD_BREAK.split(name)) {
            if (!word.isEmpty() && WORD.failsChecks(word)) {
                throw new InvalidInputException(
                        field,
                        label + " mixes letters of different alphabets in “" + shorten(word)
                                + "” (for example a Cyrillic or Greek letter that looks Latin). Type each word in one alphabet.");
            }
        }
        if (WHOLE.failsChecks(name)) {
            throw new InvalidInputException(
                    field,
                    label + " mixes digits of different number systems or repeats an accent mark. Please retype it.");
        }
        return name;
    }

    /**
     * What the name looks like whatever its case, for telling look-alikes apart: the UTS #39
     * skeleton of its folded {@link Text#key key} with invisible characters removed. Equal
     * skeletons mean the names can be mistaken for each other ("Amnesty" and "Аmnesty" with a
     * Cyrillic А, "AMNЕSTY" with a Cyrillic Е, "Amnesty" and "Arnnesty").
     */
    public static String skeleton(String name) {
        return SKELETON.getSkeleton(visible(Text.key(name)));
    }

    /**
     * What the name looks like as written, case kept (white space folded, NFKC): catches
     * look-alikes that lower-casing hides, such as a capital I for a small l ("PayPaI" for
     * "PayPal").
     */
    public static String casedSkeleton(String name) {
        String v = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC);
        return SKELETON.getSkeleton(visible(v.replaceAll("[\\s\\p{Zs}]+", " ").strip()));
    }

    private static String visible(String text) {
        StringBuilder visible = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !isInvisible(cp)).forEach(visible::appendCodePoint);
        return visible.toString();
    }

    private static boolean hasInvisible(String name) {
        return name.codePoints().anyMatch(cp -> cp != ZWNJ && cp != ZWJ && isInvisible(cp));
    }

    /** Default-ignorable code points (they draw nothing), and the blanks that draw nothing either. */
    private static boolean isInvisible(int cp) {
        return UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                || cp == 0x2800 // BRAILLE PATTERN BLANK
                || cp == 0x115F
                || cp == 0x1160
                || cp == 0x3164
                || cp == 0xFFA0; // Hangul fillers (also default-ignorable; listed for the reader)
    }

    private static String shorten(String word) {
        return word.codePointCount(0, word.length()) <= 40
                ? word
                : word.substring(0, word.offsetByCodePoints(0, 40)) + "…";
    }
}
