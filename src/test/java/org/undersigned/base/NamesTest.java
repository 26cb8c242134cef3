package org.undersigned.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Look-alike names (UTS #39 through ICU4J): what is refused, what is welcome, what collides. */
class NamesTest {

    /** Honest names, each word in one alphabet; several alphabets in one name are fine. */
    static final List<String> HONEST = List.of(
            "Azərbaycan İnsan Hüquqları Cəmiyyəti",
            "Leyla Məmmədova ğışçöü",
            "საქართველოს ახალგაზრდა იურისტთა ასოციაცია",
            "Правозащитный центр «Мемориал»",
            "Фонд «Общественный вердикт»",
            "مركز القاهرة لدراسات حقوق الإنسان",
            "کانون مدافعان حقوق بشر\u200Cایران", // Persian with a zero-width non-joiner
            "Ελληνικό Παρατηρητήριο των Συμφωνιών του Ελσίνκι",
            "საია — GYLA",
            "Мемориал HRC",
            "Human Rights House Foundation",
            "Amnesty International",
            "Ligue des droits de l'Homme",
            "日本の人権団体ヒューマンライツ・ナウ",
            "Article 19",
            "Committee-1a2b3c4d");

    @Test
    void honestNamesInOneAlphabetPerWordAreKept() {
        for (String name : HONEST) {
            assertThat(Names.undisguised("name", "Name", name)).isEqualTo(name);
        }
    }

    @Test
    void aWordMixingAlphabetsIsRefusedWithAPlainMessage() {
        for (String disguised : List.of(
                "\u0410mnesty International", // Cyrillic А
                "Amnesty Internation\u0430l", // Cyrillic а at the end
                "Hum\u0430n Rights Watch", // Cyrillic а inside
                "Human Rights W\u0430tch",
                "\u039Fpen Society", // Greek Ο
                "Freedom H\u03BFuse", // Greek ο
                "\u13AAmnesty", // Cherokee Ꭺ
                "Мемориаl", // Cyrillic with a Latin l
                "Azərbaycan Huquq\u0441ular")) { // Cyrillic с in an Azerbaijani word
            assertThatThrownBy(() -> Names.undisguised("organisationName", "The organisation name", disguised))
                    .as(disguised)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors().get("organisationName"))
                                    .contains("mixes letters of different alphabets")
                                    .doesNotContain("Exception"));
        }
    }

    @Test
    void invisibleCharactersAndMixedDigitsAndStackedMarksAreRefused() {
        for (String disguised : List.of(
                "Amnes\u00ADty", // soft hyphen
                "Amnesty\u3164International", // Hangul filler
                "Amnesty\u115F", // Hangul choseong filler
                "Amnesty\uFE0F", // variation selector
                "Amnesty\u034F", // combining grapheme joiner
                "Amnesty \uDB40\uDC41", // tag letter A
                "Amnesty\u2800", // braille blank
                "Article 1\u0669", // Latin digit with an Arabic-Indic digit
                "Amnesty Inte\u0301\u0301rnational")) { // the same accent twice
            assertThatThrownBy(() -> Names.undisguised("name", "Name", disguised))
                    .as(
                            "%s",
                            disguised
                                    .codePoints()
                                    .mapToObj(Integer::toHexString)
                                    .toList())
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void lookAlikesShareASkeleton() {
        String amnesty = Names.skeleton("Amnesty International");
        assertThat(Names.skeleton("\u0410mnesty International")).isEqualTo(amnesty); // Cyrillic А
        assertThat(Names.skeleton("AMN\u0415STY INTERNATIONAL")).isEqualTo(amnesty); // Cyrillic Е
        assertThat(Names.skeleton("Arnnesty International")).isEqualTo(amnesty); // rn for m
        assertThat(Names.skeleton("Amnesty\u200C International")).isEqualTo(amnesty); // ZWNJ dropped
        assertThat(Names.skeleton("\u0430\u0441\u0435")).isEqualTo(Names.skeleton("ace")); // wholly Cyrillic
        assertThat(Names.skeleton("Amnesty\u00A0 International")).isEqualTo(amnesty);
        assertThat(Names.casedSkeleton("PayPaI")).isEqualTo(Names.casedSkeleton("PayPal")); // capital I for l
    }

    @Test
    void differentNamesKeepDifferentSkeletons() {
        assertThat(Names.skeleton("Мемориал")).isNotEqualTo(Names.skeleton("Memorial"));
        assertThat(Names.casedSkeleton("IDA")).isNotEqualTo(Names.casedSkeleton("LDA"));
        assertThat(Names.skeleton("IDA")).isNotEqualTo(Names.skeleton("LDA"));
        for (int i = 0; i < HONEST.size(); i++) {
            for (int j = i + 1; j < HONEST.size(); j++) {
                assertThat(Names.skeleton(HONEST.get(i))).isNotEqualTo(Names.skeleton(HONEST.get(j)));
            }
        }
    }
}
