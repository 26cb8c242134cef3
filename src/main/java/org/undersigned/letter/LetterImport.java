package org.undersigned.letter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.undersigned.base.Text;

/**
 * Splits the pasted text of an existing letter into blocks (title, date and place, salutation,
 * paragraphs, closing, footer) and its signature block into signatories. It only proposes: the
 * person reviews and corrects the split before anything is saved. It never drops text silently:
 * what it cannot place stays a paragraph, and every guess it is unsure of gets a note.
 *
 * <p>The rules, from the letters coalitions actually publish: blocks are separated by blank
 * lines; a title is a short first line without final punctuation; a date line holds a year or a
 * month; a salutation opens with "Dear", "Hörmətli", "Уважаемые" and the like or ends with a comma;
 * the closing ("Sincerely,", "In solidarity,", "Signatories:") starts the signature block; without
 * one, a trailing run of name-like lines is taken as the signatures. A signatory is "Name, role,
 * organisation" on one line, or a name line followed by a role line ("Jane Doe,\nChairwoman of the
 * Society for …;"). A trailing paragraph with a web address, email or "©" is the footer.
 */
public final class LetterImport {

    /** The longest text accepted, in characters. */
    public static final int MAX_LENGTH = 100_000;

    public record ImportedBlock(BlockKind kind, String text) {}

    public record ImportedSignatory(
            String name, @Nullable String role, @Nullable String organisation) {}

    public record Result(List<ImportedBlock> blocks, List<ImportedSignatory> signatories, List<String> notes) {

        public Result {
            blocks = List.copyOf(blocks);
            signatories = List.copyOf(signatories);
            notes = List.copyOf(notes);
        }

        /** The text of the first block of a kind, or null. */
        public @Nullable String first(BlockKind kind) {
            return blocks.stream()
                    .filter(b -> b.kind() == kind)
                    .map(ImportedBlock::text)
                    .findFirst()
                    .orElse(null);
        }
    }

    private static final Pattern INVISIBLE = Pattern.compile("[\\uFEFF\\u200B\\u2060]");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t\\u00A0]*(?:\\n[ \\t\\u00A0]*)+");
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(1[89]\\d\\d|20\\d\\d)(?!\\d)");
    private static final Pattern MONTH = Pattern.compile(
            "(?iu)\\b(january|february|march|april|may|june|july|august|september|october|november|december"
                    + "|yanvar|fevral|mart|aprel|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr"
                    + "|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр"
                    + "|იანვ|თებერვ|მარტ|აპრილ|მაის|ივნის|ივლის|აგვისტ|სექტემბ|ოქტომბ|ნოემბ|დეკემბ)");
    private static final Pattern SALUTATION = Pattern.compile(
            "(?iu)^(dear|to\\s|to:|your excellenc|excellenc|mr\\.?\\s|mrs\\.?\\s|ms\\.?\\s|madam|sir[,\\s]|hon\\.|honou?rable"
                    + "|hörmətli|əziz|уважаем|глубокоуважаем|дорог|ძვირფას|პატივცემულ|السيد|سيادة|عزيز|حضرة"
                    + "|chers?\\s|chères?\\s|liebe|sehr geehrte|estimad)");
    private static final Pattern CLOSING = Pattern.compile(
            "(?iu)^(sincerely|yours(\\s+(sincerely|faithfully|truly|respectfully))?|respectfully|with respect|best regards"
                    + "|kind regards|regards|in solidarity|with solidarity|with gratitude|signed|signatories|signed by"
                    + "|list of signatories|co-?signed|undersigned organi[sz]ations|hörmətlə|imzalayanlar"
                    + "|с уважением|подписали|подписанты|подписи|ხელმომწერები|პატივისცემით|مع خالص|وتفضلوا|الموقعون|cordialement"
                    + "|mit freundlichen)");
    /** Closings that only announce the list ("Signatories:"); they start the list but are not letter text. */
    private static final Pattern LIST_LABEL = Pattern.compile(
            "(?iu)^(signatories|signed by|list of signatories|co-?signed by|undersigned organi[sz]ations|imzalayanlar"
                    + "|подписали|подписанты|ხელმომწერები|الموقعون)\\s*:?$");

    private static final Pattern FOOTER = Pattern.compile(
            "(?iu)(https?://|www\\.|\\b[\\w.+-]+@[\\w-]+\\.[\\w.]+\\b|©|\\(c\\)\\s*\\d{4}|^published by|^contact|^press contact"
                    + "|^media contact|^for more information|\\s\\|\\s|^tel[.:]|\\+\\d[\\d\\s()-]{7,})");
    private static final Pattern LIST_MARKER = Pattern.compile("^(\\d{1,3}[.)]|[-–—•*·▪●])\\s+");
    private static final Pattern SEPARATOR = Pattern.compile("[,،]\\s*|\\s+[–—-]\\s+|\\s*\\(");
    private static final Pattern ROLE_SEPARATOR = Pattern.compile("[,،]\\s*|\\s+[–—-]\\s+");
    private static final Pattern ROLE_AT = Pattern.compile("(?iu)^(.{1,80}?)\\s+(?:at|with)\\s+(?:the\\s+)?(.+)$");
    private static final Pattern ROLE_OF = Pattern.compile("(?iu)^(.{1,80}?)\\s+(?:of|for)\\s+(?:the\\s+)?(.+)$");
    private static final Set<String> ROLE_WORDS = Set.of(
            "director",
            "chair",
            "chairman",
            "chairwoman",
            "chairperson",
            "president",
            "vice-president",
            "head",
            "founder",
            "co-founder",
            "cofounder",
            "coordinator",
            "co-ordinator",
            "member",
            "editor",
            "editor-in-chief",
            "executive",
            "secretary",
            "secretary-general",
            "lawyer",
            "attorney",
            "journalist",
            "professor",
            "researcher",
            "activist",
            "manager",
            "representative",
            "ceo",
            "board",
            "chief",
            "deputy",
            "programme",
            "program",
            "officer",
            "advisor",
            "adviser",
            "expert",
            "analyst",
            "defender",
            "spokesperson",
            "spokesman",
            "directora",
            "presidente",
            "директор",
            "председатель",
            "руководитель",
            "глава",
            "основатель",
            "соучредитель",
            "координатор",
            "член",
            "президент",
            "редактор",
            "юрист",
            "адвокат",
            "журналист",
            "правозащитник",
            "правозащитница",
            "эксперт",
            "sədr",
            "sədri",
            "direktor",
            "direktoru",
            "rəhbər",
            "rəhbəri",
            "təsisçi",
            "təsisçisi",
            "koordinator",
            "koordinatoru",
            "üzv",
            "üzvü",
            "jurnalist",
            "hüquqşünas",
            "vəkil",
            "ekspert",
            "müdir",
            "დირექტორი",
            "თავმჯდომარე",
            "ხელმძღვანელი",
            "დამფუძნებელი",
            "კოორდინატორი",
            "წევრი",
            "ჟურნალისტი",
            "იურისტი",
            "ადვოკატი",
            "ექსპერტი",
            "مدير",
            "مديرة",
            "رئيس",
            "رئيسة",
            "منسق",
            "عضو",
            "محامي",
            "صحفي",
            "مؤسس");
    /** Lower-case words that may appear inside a name. */
    private static final Set<String> NAME_PARTICLES = Set.of(
            "de", "da", "del", "della", "der", "den", "van", "von", "bin", "binti", "ibn", "al", "el", "la", "le", "du",
            "oğlu", "qızı", "oglu", "qizi", "kyzy", "uulu", "y", "e", "dos", "das", "ter", "ten", "zu");

    private LetterImport() {}

    public static Result parse(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            throw new org.undersigned.base.InvalidInputException("text", "Paste the text of the letter first.");
        }
        if (raw.length() > MAX_LENGTH * 2) {
            throw tooLong();
        }
        var notes = new ArrayList<String>();
        Matcher invisible = INVISIBLE.matcher(raw);
        long removed = invisible.results().count();
        String text = invisible.replaceAll("");
        if (removed > 0) {
            notes.add("Removed " + removed + " invisible character" + (removed == 1 ? "" : "s")
                    + " (zero-width spaces or byte-order marks) from the pasted text.");
        }
        text = Text.paragraph("text", "The letter", text, MAX_LENGTH);

        List<List<String>> paras = paragraphs(text);
        var blocks = new ArrayList<ImportedBlock>();
        var signatories = new ArrayList<ImportedSignatory>();

        // Footer: trailing paragraphs with addresses, links or a copyright line (at most two).
        var footer = new ArrayList<String>();
        while (!paras.isEmpty() && footer.size() < 2 && paras.size() > 1 && isFooter(paras.getLast())) {
            footer.addFirst(String.join("\n", paras.removeLast()));
        }

        // Head: title, date and place, salutation, in the order they come.
        int i = 0;
        boolean title = false;
        boolean date = false;
        while (i < paras.size() && i < 3) {
            List<String> p = paras.get(i);
            String first = p.getFirst();
            if (!date && p.size() <= 2 && first.length() <= 160 && isDate(String.join(" ", p))) {
                blocks.add(new ImportedBlock(BlockKind.DATE_PLACE, String.join(" — ", p)));
                date = true;
            } else if (!title && p.size() == 1 && isTitle(first)) {
                blocks.add(new ImportedBlock(BlockKind.HEADING, first));
                title = true;
            } else if (!title
                    && !date
                    && p.size() == 2
                    && isTitle(first)
                    && isTitle(p.get(1))
                    && !isSalutation(p.get(1))) {
                blocks.add(new ImportedBlock(BlockKind.HEADING, first + " " + p.get(1)));
                title = true;
            } else {
                break;
            }
            i++;
        }
        if (i < paras.size() && isSalutation(paras.get(i).getFirst())) {
            List<String> p = paras.get(i);
            blocks.add(new ImportedBlock(BlockKind.SALUTATION, p.getFirst()));
            if (p.size() > 1) {
                paras.set(i, new ArrayList<>(p.subList(1, p.size())));
            } else {
                i++;
            }
        }

        // Tail: the closing (which starts the signature block) or a trailing run of signatures.
        int end = paras.size();
        int closing = -1;
        for (int j = i; j < paras.size(); j++) {
            String first = paras.get(j).getFirst();
            if (first.length() <= 80 && CLOSING.matcher(first).find()) {
                closing = j;
                break;
            }
        }
        var signatureParas = new ArrayList<List<String>>();
        if (closing >= 0) {
            List<String> p = paras.get(closing);
            String closingLine = p.getFirst();
            if (LIST_LABEL.matcher(closingLine).find()) {
                notes.add("“" + closingLine + "” was taken as the start of the list of signatories.");
            } else {
                blocks.addAll(body(paras.subList(i, closing)));
                blocks.add(new ImportedBlock(BlockKind.CLOSING, closingLine));
                i = closing;
            }
            if (LIST_LABEL.matcher(closingLine).find()) {
                blocks.addAll(body(paras.subList(i, closing)));
            }
            if (p.size() > 1) {
                signatureParas.add(p.subList(1, p.size()));
            }
            signatureParas.addAll(paras.subList(closing + 1, end));
        } else {
            int start = end;
            while (start - 1 > i && isSignatureParagraph(paras.get(start - 1))) {
                start--;
            }
            int lines = paras.subList(start, end).stream().mapToInt(List::size).sum();
            if (lines >= 2) {
                signatureParas.addAll(paras.subList(start, end));
                blocks.addAll(body(paras.subList(i, start)));
            } else {
                blocks.addAll(body(paras.subList(i, end)));
            }
        }
        for (List<String> p : signatureParas) {
            signatories.addAll(entries(p, notes));
        }
        if (signatureParas.isEmpty()) {
            notes.add("No signature block was found; add signatories when you invite them.");
        }
        for (String f : footer) {
            blocks.add(new ImportedBlock(BlockKind.FOOTER, f));
        }
        if (blocks.stream().noneMatch(b -> b.kind() == BlockKind.HEADING)) {
            notes.add("No title was found; give the letter one before you create it.");
        }
        return new Result(blocks, signatories, notes);
    }

    private static org.undersigned.base.InvalidInputException tooLong() {
        return new org.undersigned.base.InvalidInputException(
                "text", "The letter is too long to import (at most " + MAX_LENGTH + " characters).");
    }

    /** Paragraphs separated by blank lines; a text without any blank line is taken line by line. */
    static List<List<String>> paragraphs(String text) {
        var out = new ArrayList<List<String>>();
        for (String para : BLANK_LINES.split(text)) {
            var lines = new ArrayList<String>();
            for (String line : para.split("\n")) {
                String l = line.strip();
                if (!l.isEmpty()) {
                    lines.add(l);
                }
            }
            if (!lines.isEmpty()) {
                out.add(lines);
            }
        }
        if (out.size() == 1 && out.getFirst().size() > 3) {
            var perLine = new ArrayList<List<String>>();
            out.getFirst().forEach(l -> perLine.add(new ArrayList<>(List.of(l))));
            return perLine;
        }
        return out;
    }

    private static List<ImportedBlock> body(List<List<String>> paras) {
        return paras.stream()
                .map(p -> new ImportedBlock(BlockKind.PARAGRAPH, String.join("\n", p)))
                .toList();
    }

    static boolean isDate(String line) {
        return line.length() <= 160
                && (YEAR.matcher(line).find() || MONTH.matcher(line).find())
                && words(line).length <= 14;
    }

    static boolean isTitle(String line) {
        return line.length() <= 200
                && !line.matches("(?s).*[.,;:]$")
                && !isSalutation(line)
                && !CLOSING.matcher(line).find();
    }

    static boolean isSalutation(String line) {
        return line.length() <= 160 && (SALUTATION.matcher(line).find() || (line.length() <= 60 && line.endsWith(",")));
    }

    private static boolean isFooter(List<String> p) {
        return p.stream().allMatch(l -> l.length() <= 300)
                && p.stream().anyMatch(l -> FOOTER.matcher(l).find());
    }

    private static boolean isSignatureParagraph(List<String> p) {
        for (String raw : p) {
            String l = unmark(raw);
            if (l.length() > 200 || l.contains(". ") || l.endsWith("!") || l.endsWith("?")) {
                return false;
            }
        }
        String first = unmark(p.getFirst());
        return looksLikeName(namePart(first));
    }

    // --- signature entries -------------------------------------------------------------------

    static List<ImportedSignatory> entries(List<String> lines, List<String> notes) {
        var out = new ArrayList<ImportedSignatory>();
        int k = 0;
        while (k < lines.size()) {
            String line = unmark(lines.get(k));
            String bare = trimEnd(line);
            boolean nameOnly = !SEPARATOR.matcher(bare).find() && looksLikeName(bare);
            if (nameOnly && k + 1 < lines.size() && isRoleLine(unmark(lines.get(k + 1)))) {
                var role = new StringBuilder(trimEnd(unmark(lines.get(k + 1))));
                k += 2;
                while (k < lines.size() && isRoleLine(unmark(lines.get(k))) && !looksLikeNameLine(lines.get(k))) {
                    role.append(", ").append(trimEnd(unmark(lines.get(k))));
                    k++;
                }
                out.add(withRole(bare, role.toString()));
            } else {
                out.add(oneLine(bare));
                if (!looksLikeName(namePart(bare))) {
                    notes.add("Check the signatory “" + bare + "”: its name was hard to tell apart.");
                }
                k++;
            }
        }
        return out;
    }

    private static ImportedSignatory oneLine(String line) {
        Matcher m = SEPARATOR.matcher(line);
        if (!m.find()) {
            return new ImportedSignatory(line, null, null);
        }
        String name = line.substring(0, m.start()).strip();
        String rest = line.substring(m.end()).strip();
        if (m.group().contains("(")) {
            int close = rest.lastIndexOf(')');
            String inside = close >= 0 ? rest.substring(0, close) : rest;
            String after = close >= 0 ? trimEnd(rest.substring(close + 1).replaceFirst("^[,\\s–—-]+", "")) : "";
            return after.isEmpty()
                    ? new ImportedSignatory(name, null, blankToNull(inside.strip()))
                    : new ImportedSignatory(name, blankToNull(inside.strip()), after);
        }
        return withRole(name, rest);
    }

    private static ImportedSignatory withRole(String name, String rest) {
        rest = trimEnd(rest.strip());
        if (rest.isEmpty()) {
            return new ImportedSignatory(name, null, null);
        }
        Matcher comma = ROLE_SEPARATOR.matcher(rest);
        if (comma.find()) {
            String role = rest.substring(0, comma.start()).strip();
            String org = rest.substring(comma.end()).strip();
            if (hasRoleWord(role) || !hasRoleWord(org)) {
                return new ImportedSignatory(name, role, blankToNull(org));
            }
            return new ImportedSignatory(name, org, blankToNull(role));
        }
        for (Pattern p : List.of(ROLE_AT, ROLE_OF)) {
            Matcher of = p.matcher(rest);
            if (of.matches() && hasRoleWord(of.group(1)) && words(of.group(1)).length <= 5) {
                return new ImportedSignatory(
                        name, of.group(1).strip(), of.group(2).strip());
            }
        }
        // "директор Центра …", "Director Human Rights House": role words first, then a capitalised organisation.
        String[] w = words(rest);
        int k = 0;
        while (k < w.length && ROLE_WORDS.contains(w[k].toLowerCase(Locale.ROOT))) {
            k++;
        }
        if (k > 0 && k < w.length && (Character.isUpperCase(w[k].codePointAt(0)) || startsWithQuote(w[k]))) {
            return new ImportedSignatory(
                    name,
                    String.join(" ", Arrays.copyOfRange(w, 0, k)),
                    String.join(" ", Arrays.copyOfRange(w, k, w.length)));
        }
        return new ImportedSignatory(name, rest, null);
    }

    private static boolean startsWithQuote(String w) {
        return "“\"«„'‘".indexOf(w.charAt(0)) >= 0;
    }

    private static boolean isRoleLine(String line) {
        String l = trimEnd(line);
        if (l.isEmpty() || l.length() > 300) {
            return false;
        }
        if (hasRoleWord(l) || l.contains(",") || l.contains("،") || words(l).length > 6) {
            return true;
        }
        return !looksLikeName(l);
    }

    private static boolean looksLikeNameLine(String raw) {
        String l = trimEnd(unmark(raw));
        return !SEPARATOR.matcher(l).find() && looksLikeName(l) && !hasRoleWord(l);
    }

    private static boolean hasRoleWord(String s) {
        for (String w : words(s)) {
            String lw = w.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}-]", "");
            if (ROLE_WORDS.contains(lw)) {
                return true;
            }
        }
        return false;
    }

    /** One to six words, each starting with a capital (in scripts that have them) or a name particle. */
    static boolean looksLikeName(String s) {
        String[] w = words(s);
        if (w.length == 0 || w.length > 6 || s.length() > 80 || hasRoleWord(s)) {
            return false;
        }
        for (String word : w) {
            int c = word.codePointAt(0);
            if (!Character.isLetter(c) && "“\"«„'‘(".indexOf(word.charAt(0)) < 0) {
                return false;
            }
            if (Character.isLowerCase(c) && !NAME_PARTICLES.contains(word.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static String namePart(String line) {
        Matcher m = SEPARATOR.matcher(line);
        return m.find() ? line.substring(0, m.start()).strip() : trimEnd(line);
    }

    private static String unmark(String line) {
        return LIST_MARKER.matcher(line.strip()).replaceFirst("");
    }

    private static String trimEnd(String s) {
        return s.strip().replaceAll("[\\s,;:.،؛]+$", "");
    }

    private static String[] words(String s) {
        String t = s.strip();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    private static @Nullable String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }
}
