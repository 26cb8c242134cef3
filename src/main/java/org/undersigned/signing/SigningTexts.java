package org.undersigned.signing;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.undersigned.mail.MailMessage;

/**
 * The words of the signing mails and pages in one language, from the resource bundles
 * {@code messages/signing*.properties} (UTF-8). The base bundle is English and stands in for any
 * language without a bundle of its own, whatever the server's default locale. See
 * docs/decisions/0042-mails-in-the-invitees-language.md.
 */
public final class SigningTexts {

    /** The languages with a bundle of their own; any other gets English. */
    public static final List<String> LANGUAGES = List.of("en", "az", "ru", "ka", "ar");

    static final String BUNDLE = "messages.signing";

    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final Locale locale;
    private final String language;
    private final DateTimeFormatter dates;

    private SigningTexts(ResourceBundle bundle) {
        this.bundle = bundle;
        String tag = bundle.getLocale().getLanguage();
        this.language = tag.isEmpty() ? "en" : tag;
        this.locale = Locale.forLanguageTag(language);
        // English dates as people write them in letters ("6 April 2024"), not the US order.
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(language.equals("en") ? Locale.UK : locale)
                .withZone(ZoneOffset.UTC);
    }

    /** Built once per language tag as asked for (a handful): the pages and mails ask on every request. */
    private static final Map<String, SigningTexts> BY_TAG = new ConcurrentHashMap<>();

    /** The texts for a language tag such as {@code az}; English when there is no bundle for it. */
    public static SigningTexts of(@Nullable String language) {
        String tag = language == null ? "" : language;
        SigningTexts known = BY_TAG.get(tag);
        if (known != null) {
            return known;
        }
        SigningTexts texts = load(language);
        // Bounded: tags come from invitations (validated languages), but never keep more than a few dozen.
        if (BY_TAG.size() < 64) {
            BY_TAG.putIfAbsent(tag, texts);
        }
        return texts;
    }

    private static SigningTexts load(@Nullable String language) {
        Locale wanted = language == null || language.isBlank()
                ? Locale.ROOT
                : Locale.forLanguageTag(language.strip().toLowerCase(Locale.ROOT));
        if (wanted.getLanguage().equals("en")) {
            wanted = Locale.ROOT;
        }
        return new SigningTexts(ResourceBundle.getBundle(BUNDLE, wanted, NO_DEFAULT_LOCALE));
    }

    /** The language the texts are in: {@code en} for the base bundle. */
    public String language() {
        return language;
    }

    public boolean rightToLeft() {
        return MailMessage.rightToLeft(language);
    }

    /** {@code rtl} or {@code ltr}, for the HTML {@code dir} attribute. */
    public String direction() {
        return rightToLeft() ? "rtl" : "ltr";
    }

    /** The text of {@code key}, its {@code {0}}, {@code {1}}, … replaced by the arguments as given. */
    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 && pattern.indexOf('\'') < 0
                ? pattern
                : new MessageFormat(pattern, locale).format(args);
    }

    /** Without an exception for a missing key: {@link #numbered} ends on one for every mail. */
    boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** The texts {@code prefix1}, {@code prefix2}, … for as long as they exist. */
    List<String> numbered(String prefix, Object... args) {
        List<String> out = new ArrayList<>();
        for (int i = 1; has(prefix + i); i++) {
            out.add(get(prefix + i, args));
        }
        return out;
    }

    /** A day in this language, such as "28 November 2026" or "28 ноября 2026 г." (UTC). */
    public String date(Instant at) {
        return dates.format(at);
    }
}
