package org.undersigned.letter;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level diff: the texts are cut into words, runs of white space and single other
 * characters, and java-diff-utils finds the smallest edit. Concatenating the EQUAL and DELETE
 * segments gives the old text back exactly; EQUAL and INSERT give the new one.
 */
public final class WordDiff {

    /** A word (letters, combining marks, digits, joiners), a run of white space, or one other character. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{M}\\p{N}\\u200C\\u200D]+|\\s+|.", Pattern.DOTALL);

    public enum Kind {
        EQUAL,
        INSERT,
        DELETE
    }

    public record Segment(Kind kind, String text) {}

    private WordDiff() {}

    public static List<Segment> between(String oldText, String newText) {
        List<String> a = tokens(oldText);
        List<String> b = tokens(newText);
        var out = new ArrayList<Segment>();
        int at = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
            int start = delta.getSource().getPosition();
            add(out, Kind.EQUAL, a.subList(at, start));
            add(out, Kind.DELETE, delta.getSource().getLines());
            add(out, Kind.INSERT, delta.getTarget().getLines());
            at = start + delta.getSource().size();
        }
        add(out, Kind.EQUAL, a.subList(at, a.size()));
        return tidy(out);
    }

    /**
     * Folds a run of changes separated only by white space into one deletion and one insertion
     * ("call for" → "demand" rather than "call" → "demand", " ", "for " deleted), which reads better.
     */
    private static List<Segment> tidy(List<Segment> segments) {
        var out = new ArrayList<Segment>();
        int i = 0;
        while (i < segments.size()) {
            Segment s = segments.get(i);
            if (s.kind() == Kind.EQUAL) {
                out.add(s);
                i++;
                continue;
            }
            var deleted = new StringBuilder();
            var inserted = new StringBuilder();
            int j = i;
            while (j < segments.size()) {
                Segment t = segments.get(j);
                boolean glue = t.kind() == Kind.EQUAL
                        && t.text().isBlank()
                        && j + 1 < segments.size()
                        && segments.get(j + 1).kind() != Kind.EQUAL;
                if (t.kind() == Kind.EQUAL && !glue) {
                    break;
                }
                if (t.kind() != Kind.INSERT) {
                    deleted.append(t.text());
                }
                if (t.kind() != Kind.DELETE) {
                    inserted.append(t.text());
                }
                j++;
            }
            if (!deleted.isEmpty()) {
                out.add(new Segment(Kind.DELETE, deleted.toString()));
            }
            if (!inserted.isEmpty()) {
                out.add(new Segment(Kind.INSERT, inserted.toString()));
            }
            i = j;
        }
        return out;
    }

    /** Whether the diff changes anything. */
    public static boolean changes(List<Segment> diff) {
        return diff.stream().anyMatch(s -> s.kind() != Kind.EQUAL);
    }

    static List<String> tokens(String text) {
        var tokens = new ArrayList<String>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    private static void add(List<Segment> out, Kind kind, List<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        String text = String.join("", tokens);
        if (!out.isEmpty() && out.getLast().kind() == kind) {
            text = out.removeLast().text() + text;
        }
        out.add(new Segment(kind, text));
    }
}
