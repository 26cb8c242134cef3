package org.undersigned.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.undersigned.base.InvalidInputException;
import org.undersigned.letter.LetterImport.ImportedBlock;
import org.undersigned.letter.LetterImport.ImportedSignatory;
import org.undersigned.letter.LetterImport.Result;

class LetterImportTest {

    private static ImportedSignatory s(String name, String role, String org) {
        return new ImportedSignatory(name, role, org);
    }

    private static List<BlockKind> kinds(Result r) {
        return r.blocks().stream().map(ImportedBlock::kind).toList();
    }

    @Test
    void solidarityLetterWithTwoLineEntriesAndSemicolons() {
        var r = LetterImport.parse("""
                Solidarity with the Human Rights Defenders of Azerbaijan

                6 April, 2024 — Baku, Azerbaijan

                Dear Friends and Colleagues,

                We, the undersigned organisations, express our deep concern about the arrests of journalists.

                We call on the authorities to release them immediately.

                Sincerely,

                Jane Doe,
                Chairwoman of the Society for the Protection of X;

                John Smith,
                Director of Human Rights House;
                """);
        assertThat(kinds(r))
                .containsExactly(
                        BlockKind.HEADING,
                        BlockKind.DATE_PLACE,
                        BlockKind.SALUTATION,
                        BlockKind.PARAGRAPH,
                        BlockKind.PARAGRAPH,
                        BlockKind.CLOSING);
        assertThat(r.first(BlockKind.HEADING)).isEqualTo("Solidarity with the Human Rights Defenders of Azerbaijan");
        assertThat(r.first(BlockKind.DATE_PLACE)).isEqualTo("6 April, 2024 — Baku, Azerbaijan");
        assertThat(r.first(BlockKind.SALUTATION)).isEqualTo("Dear Friends and Colleagues,");
        assertThat(r.first(BlockKind.CLOSING)).isEqualTo("Sincerely,");
        assertThat(r.signatories())
                .containsExactly(
                        s("Jane Doe", "Chairwoman", "Society for the Protection of X"),
                        s("John Smith", "Director", "Human Rights House"));
    }

    @Test
    void oneLineEntriesWithCommas() {
        var r = LetterImport.parse("""
                Open letter on media freedom

                Dear Minister,

                We write to you about the closure of independent outlets.

                Signatories:
                Jane Doe, Director, Org Y
                Ali Aliyev, Chair, Free Press Union
                Nino Beridze, Editor, Tbilisi Times
                """);
        assertThat(kinds(r)).containsExactly(BlockKind.HEADING, BlockKind.SALUTATION, BlockKind.PARAGRAPH);
        assertThat(r.signatories())
                .containsExactly(
                        s("Jane Doe", "Director", "Org Y"),
                        s("Ali Aliyev", "Chair", "Free Press Union"),
                        s("Nino Beridze", "Editor", "Tbilisi Times"));
        assertThat(r.notes()).anyMatch(n -> n.contains("Signatories:"));
    }

    @Test
    void noSignatureBlockAtAll() {
        var r = LetterImport.parse("""
                Statement on the trial of journalists

                The trial that began today is a test for the rule of law. We will follow every hearing.

                We call for the charges to be dropped.
                """);
        assertThat(kinds(r)).containsExactly(BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH);
        assertThat(r.signatories()).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.contains("No signature block"));
    }

    @Test
    void blankLinesBetweenEveryEntryAndAPublisherFooter() {
        var r = LetterImport.parse("""
                Joint appeal

                Dear colleagues,

                Please join our appeal for the release of political prisoners.

                In solidarity,

                Jane Doe
                Director, Org Y

                Leyla Mammadova
                Coordinator, Women's Rights Centre

                Human Rights House Foundation | www.humanrightshouse.org | info@example.org
                """);
        assertThat(r.first(BlockKind.CLOSING)).isEqualTo("In solidarity,");
        assertThat(r.signatories())
                .containsExactly(
                        s("Jane Doe", "Director", "Org Y"),
                        s("Leyla Mammadova", "Coordinator", "Women's Rights Centre"));
        assertThat(r.first(BlockKind.FOOTER)).contains("www.humanrightshouse.org");
        assertThat(kinds(r).getLast()).isEqualTo(BlockKind.FOOTER);
    }

    @Test
    void curlyQuotesInOrganisationNamesAndTrailingCommas() {
        var r = LetterImport.parse("""
                Letter of support

                Dear friends,

                We stand with you.

                Signed,
                Emin Huseynov, Chairman, Institute for Reporters’ Freedom and Safety,
                Rasul Jafarov, Head, “Human Rights Club”,
                """);
        assertThat(r.signatories())
                .containsExactly(
                        s("Emin Huseynov", "Chairman", "Institute for Reporters’ Freedom and Safety"),
                        s("Rasul Jafarov", "Head", "“Human Rights Club”"));
    }

    @Test
    void azerbaijaniLetter() {
        var r = LetterImport.parse("""
                Siyasi məhbuslara azadlıq

                6 aprel 2024, Bakı

                Hörmətli dostlar,

                Biz, aşağıda imza edən təşkilatlar, jurnalistlərin həbsindən dərin narahatlığımızı bildiririk.

                Hörmətlə,

                Əli Həsənov, sədr, Azad Söz İctimai Birliyi
                Günel Əliyeva, direktor, Hüquq Mərkəzi
                """);
        assertThat(r.first(BlockKind.HEADING)).isEqualTo("Siyasi məhbuslara azadlıq");
        assertThat(r.first(BlockKind.DATE_PLACE)).isEqualTo("6 aprel 2024, Bakı");
        assertThat(r.first(BlockKind.SALUTATION)).isEqualTo("Hörmətli dostlar,");
        assertThat(r.first(BlockKind.CLOSING)).isEqualTo("Hörmətlə,");
        assertThat(r.signatories())
                .containsExactly(
                        s("Əli Həsənov", "sədr", "Azad Söz İctimai Birliyi"),
                        s("Günel Əliyeva", "direktor", "Hüquq Mərkəzi"));
    }

    @Test
    void russianLetterWithRoleBeforeOrganisation() {
        var r = LetterImport.parse("""
                Открытое письмо в защиту журналистов

                Уважаемые коллеги!

                Мы, нижеподписавшиеся, требуем освободить журналистов.

                С уважением,

                Иван Петров,
                директор Центра защиты прав СМИ;

                Анна Смирнова,
                председатель Общества «Мемориал»;
                """);
        assertThat(r.first(BlockKind.SALUTATION)).isEqualTo("Уважаемые коллеги!");
        assertThat(r.first(BlockKind.CLOSING)).isEqualTo("С уважением,");
        assertThat(r.signatories())
                .containsExactly(
                        s("Иван Петров", "директор", "Центра защиты прав СМИ"),
                        s("Анна Смирнова", "председатель", "Общества «Мемориал»"));
    }

    @Test
    void georgianLetter() {
        var r = LetterImport.parse("""
                ღია წერილი მედიის თავისუფლების შესახებ

                თბილისი, 2024 წლის 6 აპრილი

                ძვირფასო მეგობრებო,

                ჩვენ, ქვემორე ხელმომწერი ორგანიზაციები, მოვუწოდებთ ხელისუფლებას.

                ხელმომწერები:
                ნინო ბერიძე, დირექტორი, საქართველოს ახალგაზრდა იურისტთა ასოციაცია
                გიორგი გოგია, კოორდინატორი, ადამიანის უფლებათა ცენტრი
                """);
        assertThat(kinds(r))
                .startsWith(BlockKind.HEADING, BlockKind.DATE_PLACE, BlockKind.SALUTATION, BlockKind.PARAGRAPH);
        assertThat(r.signatories()).hasSize(2);
        assertThat(r.signatories().getFirst())
                .isEqualTo(s("ნინო ბერიძე", "დირექტორი", "საქართველოს ახალგაზრდა იურისტთა ასოციაცია"));
    }

    @Test
    void arabicLetter() {
        var r = LetterImport.parse("""
                رسالة مفتوحة حول حرية الصحافة

                السيد الوزير،

                نطالب بالإفراج الفوري عن جميع الصحفيين المعتقلين.

                الموقعون:
                أحمد علي، مدير، مركز حقوق الإنسان
                ليلى حسن، منسقة، شبكة الصحفيين
                """);
        assertThat(r.first(BlockKind.HEADING)).isEqualTo("رسالة مفتوحة حول حرية الصحافة");
        assertThat(r.first(BlockKind.SALUTATION)).isEqualTo("السيد الوزير،");
        assertThat(r.signatories()).hasSize(2);
        assertThat(r.signatories().getFirst().name()).isEqualTo("أحمد علي، مدير، مركز حقوق الإنسان".split("،")[0]);
    }

    @Test
    void numberedAndBulletedLists() {
        var r = LetterImport.parse("""
                Appeal

                Dear Sir,

                We ask you to act.

                Signed by:
                1. Jane Doe, Director, Org Y
                2) John Smith, President, Bar Association
                • Maria Garcia, Lawyer, Legal Aid Network
                - Peter Brown (Amnesty Group 42)
                """);
        assertThat(r.signatories())
                .containsExactly(
                        s("Jane Doe", "Director", "Org Y"),
                        s("John Smith", "President", "Bar Association"),
                        s("Maria Garcia", "Lawyer", "Legal Aid Network"),
                        new ImportedSignatory("Peter Brown", null, "Amnesty Group 42"));
    }

    @Test
    void dashSeparatedEntries() {
        var r = LetterImport.parse("""
                Statement

                Dear colleagues,

                We condemn the attack.

                Sincerely,
                Jane Doe – Executive Director – Front Line Defenders
                John Smith — Programme Officer — Civil Rights Defenders
                """);
        assertThat(r.signatories())
                .containsExactly(
                        s("Jane Doe", "Executive Director", "Front Line Defenders"),
                        s("John Smith", "Programme Officer", "Civil Rights Defenders"));
    }

    @Test
    void trailingSignaturesWithoutAClosing() {
        var r = LetterImport.parse("""
                Open letter to the President

                Dear Mr President,

                We urge you to pardon the prisoners of conscience before the holiday.

                Jane Doe, Director, Org Y
                John Smith, Chair, Helsinki Committee
                Anna Kowalska, Member, Board of Trustees
                """);
        assertThat(kinds(r)).containsExactly(BlockKind.HEADING, BlockKind.SALUTATION, BlockKind.PARAGRAPH);
        assertThat(r.signatories()).hasSize(3);
        assertThat(r.signatories().get(1)).isEqualTo(s("John Smith", "Chair", "Helsinki Committee"));
    }

    @Test
    void shortLastBodySentenceIsNotMistakenForASignature() {
        var r = LetterImport.parse("""
                Appeal

                Dear friends,

                The hearing is on Monday.

                Please come and bring others.
                """);
        assertThat(r.signatories()).isEmpty();
        assertThat(kinds(r))
                .containsExactly(BlockKind.HEADING, BlockKind.SALUTATION, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH);
    }

    @Test
    void windowsLineEndingsInvisibleCharactersAndNoBlankLines() {
        var r = LetterImport.parse(
                "\uFEFFJoint letter\r\nDear colleagues,\r\nWe are\u200B worried about the new law.\r\n"
                        + "Sincerely,\r\nJane Doe, Director, Org Y\r\nJohn Smith, Chair, Org Z\r\n");
        assertThat(r.first(BlockKind.HEADING)).isEqualTo("Joint letter");
        assertThat(r.first(BlockKind.PARAGRAPH)).isEqualTo("We are worried about the new law.");
        assertThat(r.signatories()).hasSize(2);
        assertThat(r.notes()).anyMatch(n -> n.contains("invisible"));
    }

    @Test
    void nameOnlyListAndRolesWithOf() {
        var r = LetterImport.parse("""
                Letter

                Dear all,

                We support the campaign.

                Yours faithfully,

                Jane Doe
                Head of Advocacy at Article 19

                John Smith
                Researcher at Human Rights Watch
                """);
        assertThat(r.first(BlockKind.CLOSING)).isEqualTo("Yours faithfully,");
        assertThat(r.signatories())
                .containsExactly(
                        s("Jane Doe", "Head of Advocacy", "Article 19"),
                        s("John Smith", "Researcher", "Human Rights Watch"));
    }

    @Test
    void closingAndNamesInOneParagraphWithParticlesInNames() {
        var r = LetterImport.parse("""
                Appeal for Dr. Samir

                Dear Madam,

                We write about Dr. Samir's detention.

                Respectfully,
                Ludwig van der Berg, Professor, University of Leiden
                Rəşid Əli oğlu Məmmədov, Lawyer, Baku Bar
                """);
        assertThat(r.first(BlockKind.CLOSING)).isEqualTo("Respectfully,");
        assertThat(r.signatories())
                .extracting(ImportedSignatory::name)
                .containsExactly("Ludwig van der Berg", "Rəşid Əli oğlu Məmmədov");
    }

    @Test
    void scriptTagsAreOrdinaryText() {
        var r = LetterImport.parse("""
                <script>alert(1)</script>

                Dear friends,

                <b>bold</b> & "quotes"

                Sincerely,
                Jane <img src=x onerror=alert(1)> Doe, Director, Org
                """);
        assertThat(r.first(BlockKind.HEADING)).isEqualTo("<script>alert(1)</script>");
        assertThat(r.first(BlockKind.PARAGRAPH)).isEqualTo("<b>bold</b> & \"quotes\"");
        assertThat(r.signatories()).hasSize(1);
    }

    @Test
    void refusesDisguisedEmptyAndHugeText() {
        assertThatThrownBy(() -> LetterImport.parse("Title\n\nJane \u202Eeod Doe, Director"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("direction");
        assertThatThrownBy(() -> LetterImport.parse("Title\u0000")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LetterImport.parse("   \n\n ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LetterImport.parse("x".repeat(1_048_576)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void dateBeforeTitleAndMultiLineParagraphsKept() {
        var r = LetterImport.parse("""
                12.03.2024, Tbilisi

                Joint statement on the foreign agents law

                Dear Members of Parliament,

                First line of the paragraph
                continues on a second line.

                With respect,
                Nino Beridze, Chair, GYLA
                """);
        assertThat(kinds(r).subList(0, 3))
                .containsExactly(BlockKind.DATE_PLACE, BlockKind.HEADING, BlockKind.SALUTATION);
        assertThat(r.first(BlockKind.PARAGRAPH)).isEqualTo("First line of the paragraph\ncontinues on a second line.");
    }
}
