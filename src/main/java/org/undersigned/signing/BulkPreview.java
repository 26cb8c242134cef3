package org.undersigned.signing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.undersigned.base.InvalidInputException;

/**
 * Many invitees at once, pasted or from a CSV file: one row per person, columns {@code email, name,
 * role, organisation, language} (a header row with these names may reorder them; tab, semicolon
 * or comma separated). Each row is checked, and bad rows are marked with the reason; nothing is
 * written until the person confirms the good rows.
 */
public record BulkPreview(List<Row> rows) {

    public static final int MAX_ROWS = 2000;

    /** One row: its line, what was read, and why it cannot be imported (null when it can). */
    public record Row(
            int line, NewInvitee invitee, @Nullable String problem) {
        public boolean good() {
            return problem == null;
        }
    }

    public List<NewInvitee> good() {
        return rows.stream().filter(Row::good).map(Row::invitee).toList();
    }

    public long bad() {
        return rows.stream().filter(r -> !r.good()).count();
    }

    static BulkPreview parse(String text, Collection<String> alreadyInvited) {
        String input = text.startsWith("\uFEFF") ? text.substring(1) : text;
        char delimiter = delimiter(input);
        List<CSVRecord> records;
        try {
            records = CSVFormat.DEFAULT
                    .builder()
                    .setDelimiter(delimiter)
                    .setIgnoreEmptyLines(true)
                    .setTrim(true)
                    .get()
                    .parse(new StringReader(input))
                    .getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new InvalidInputException("rows", "The rows could not be read: check the quotes.");
        }
        int[] columns = {0, 1, 2, 3, 4};
        int start = 0;
        if (!records.isEmpty() && isHeader(records.getFirst())) {
            columns = columns(records.getFirst());
            start = 1;
        }
        if (records.size() - start > MAX_ROWS) {
            throw new InvalidInputException("rows", "At most " + MAX_ROWS + " rows at a time.");
        }
        Set<String> seen = new HashSet<>(alreadyInvited);
        List<Row> rows = new ArrayList<>();
        for (int i = start; i < records.size(); i++) {
            CSVRecord r = records.get(i);
            var raw = new NewInvitee(
                    cell(r, columns[1]),
                    cell(r, columns[2]),
                    cell(r, columns[3]),
                    cell(r, columns[0]),
                    cell(r, columns[4]));
            String problem = null;
            try {
                Invitee invitee = Invitee.of(raw);
                if (!seen.add(invitee.email())) {
                    problem = alreadyInvited.contains(invitee.email())
                            ? "Already invited to this letter."
                            : "The same address appears on an earlier row.";
                }
            } catch (InvalidInputException e) {
                problem = String.join(" ", e.fieldErrors().values());
            }
            rows.add(new Row((int) r.getRecordNumber(), raw, problem));
        }
        return new BulkPreview(List.copyOf(rows));
    }

    private static char delimiter(String text) {
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        if (first.indexOf('\t') >= 0) {
            return '\t';
        }
        if (first.indexOf(';') >= 0 && first.indexOf(',') < 0) {
            return ';';
        }
        return ',';
    }

    private static boolean isHeader(CSVRecord r) {
        for (String v : r) {
            if (v.strip().toLowerCase(Locale.ROOT).equals("email")) {
                return true;
            }
        }
        return false;
    }

    private static int[] columns(CSVRecord header) {
        int[] c = {-1, -1, -1, -1, -1};
        for (int i = 0; i < header.size(); i++) {
            switch (header.get(i).strip().toLowerCase(Locale.ROOT)) {
                case "email", "e-mail" -> c[0] = i;
                case "name" -> c[1] = i;
                case "role", "title", "position" -> c[2] = i;
                case "organisation", "organization" -> c[3] = i;
                case "language" -> c[4] = i;
                default -> {}
            }
        }
        return c;
    }

    private static @Nullable String cell(CSVRecord r, int column) {
        if (column < 0 || column >= r.size()) {
            return null;
        }
        String v = r.get(column);
        return v.isBlank() ? null : v;
    }
}
