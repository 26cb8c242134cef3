package org.undersigned.letter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LetterRevisionTest {

    @Test
    void canonicalTextIsNfcWithLineFeedsAndBlankLinesBetweenBlocks() {
        var decomposed = "Hörmətli".replace("ö", "o\u0308").replace("ə", "ə");
        var revision = revision(List.of("Title", decomposed + " dostlar,", "Line one\r\nLine two"));
        assertThat(revision.canonicalText()).isEqualTo("Title\n\nHörmətli dostlar,\n\nLine one\nLine two\n");
    }

    @Test
    void hashIsSha256OfTheCanonicalText() {
        var revision = revision(List.of("abc"));
        // sha256("abc\n")
        assertThat(revision.sha256()).isEqualTo("edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb");
        assertThat(revision(List.of("a\r\nb")).sha256())
                .isEqualTo(revision(List.of("a\nb")).sha256());
    }

    private static LetterRevision revision(List<String> texts) {
        var blocks = new java.util.ArrayList<BlockText>();
        for (int i = 0; i < texts.size(); i++) {
            blocks.add(new BlockText(UUID.randomUUID(), i * 10, BlockKind.PARAGRAPH, texts.get(i)));
        }
        return new LetterRevision(UUID.randomUUID(), 1, Instant.EPOCH, "Jane", blocks);
    }
}
