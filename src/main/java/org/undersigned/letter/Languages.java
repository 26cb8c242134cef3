package org.undersigned.letter;

import java.util.Locale;
import java.util.regex.Pattern;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.Text;

/** The language of a letter's text, as a BCP 47 tag ("en", "az", "ka", "ru", "ar", "az-Cyrl"). */
public final class Languages {

    private static final Pattern TAG = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$");

    /** Suggested in forms; any valid tag is accepted. */
    public static final java.util.List<String> COMMON = java.util.List.of(
            "en", "az", "ka", "hy", "ru", "uk", "be", "kk", "ky", "tg", "uz", "tr", "fa", "ar", "fr", "de", "es");

    private Languages() {}

    public static String tag(String field, String raw) {
        String v = Text.line(field, "Language", raw, 35);
        if (!TAG.matcher(v).matches()) {
            throw new InvalidInputException(field, "Give the language as a code such as en, az, ka or ru.");
        }
        int dash = v.indexOf('-');
        return dash < 0
                ? v.toLowerCase(Locale.ROOT)
                : v.substring(0, dash).toLowerCase(Locale.ROOT) + v.substring(dash);
    }

    /** "Azerbaijani (az)". */
    public static String label(String tag) {
        String name = Locale.forLanguageTag(tag).getDisplayName(Locale.ENGLISH);
        return name.isBlank() || name.equals(tag) ? tag : name + " (" + tag + ")";
    }

    /** Whether the script of the language is written right to left. */
    public static boolean rightToLeft(String tag) {
        String lang = tag.split("-")[0];
        return switch (lang) {
            case "ar", "fa", "he", "ur", "ps", "yi", "ckb", "dv", "sd", "ug" -> true;
            default -> false;
        };
    }
}
