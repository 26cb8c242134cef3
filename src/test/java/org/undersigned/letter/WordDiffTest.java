package org.undersigned.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.undersigned.letter.WordDiff.Kind;
import org.undersigned.letter.WordDiff.Segment;

class WordDiffTest {

    @Test
    void marksWholeWordsInsertedAndDeleted() {
        var diff = WordDiff.between(
                "We call for the release of all prisoners.", "We demand the release of all political prisoners.");
        assertThat(diff)
                .contains(new Segment(Kind.DELETE, "call for "), new Segment(Kind.INSERT, "demand "))
                .contains(new Segment(Kind.INSERT, "political "));
        assertRebuilds(
                "We call for the release of all prisoners.", "We demand the release of all political prisoners.", diff);
    }

    @Test
    void identicalTextsHaveNoChange() {
        var diff = WordDiff.between("Hörmətli dostlar,", "Hörmətli dostlar,");
        assertThat(WordDiff.changes(diff)).isFalse();
        assertThat(diff).containsExactly(new Segment(Kind.EQUAL, "Hörmətli dostlar,"));
    }

    @Test
    void keepsEveryScriptIntact() {
        String[][] pairs = {
            {
                "Azərbaycanda siyasi məhbuslar azad edilməlidir.",
                "Azərbaycanda bütün siyasi məhbuslar dərhal azad edilməlidir."
            },
            {"ქართული ენა და დამწერლობა", "ქართული ენა, კულტურა და დამწერლობა"},
            {"Мы требуем освободить журналистов.", "Мы требуем немедленно освободить всех журналистов."},
            {"نطالب بالإفراج عن المعتقلين", "نطالب بالإفراج الفوري عن جميع المعتقلين"},
            {"👩🏽‍⚖️ lawyers unite", "👩🏽‍⚖️ lawyers and 🧑‍💻 coders unite"},
        };
        for (String[] p : pairs) {
            var diff = WordDiff.between(p[0], p[1]);
            assertThat(WordDiff.changes(diff)).isTrue();
            assertRebuilds(p[0], p[1], diff);
        }
        assertThat(WordDiff.between(pairs[0][0], pairs[0][1]))
                .contains(new Segment(Kind.INSERT, "bütün "), new Segment(Kind.INSERT, "dərhal "));
    }

    @Test
    void lineBreaksAndMarkupAreJustText() {
        String a = "Dear friends,\n\n<script>alert(1)</script> stays text.";
        String b = "Dear colleagues,\n\n<script>alert(2)</script> stays text.";
        var diff = WordDiff.between(a, b);
        assertRebuilds(a, b, diff);
        assertThat(diff).contains(new Segment(Kind.DELETE, "friends"), new Segment(Kind.INSERT, "colleagues"));
    }

    @Test
    void emptySides() {
        assertThat(WordDiff.between("", "New text")).containsExactly(new Segment(Kind.INSERT, "New text"));
        assertThat(WordDiff.between("Old", "")).containsExactly(new Segment(Kind.DELETE, "Old"));
        assertThat(WordDiff.between("", "")).isEmpty();
    }

    private static void assertRebuilds(String oldText, String newText, List<Segment> diff) {
        assertThat(diff.stream()
                        .filter(s -> s.kind() != Kind.INSERT)
                        .map(Segment::text)
                        .collect(Collectors.joining()))
                .isEqualTo(oldText);
        assertThat(diff.stream()
                        .filter(s -> s.kind() != Kind.DELETE)
                        .map(Segment::text)
                        .collect(Collectors.joining()))
                .isEqualTo(newText);
    }
}
