package org.undersigned.letter;

/** The parts a letter is made of, in the order they usually appear. */
public enum BlockKind {
    HEADING("Heading", false, 300),
    DATE_PLACE("Date and place", false, 300),
    SALUTATION("Salutation", false, 300),
    PARAGRAPH("Paragraph", true, 20_000),
    CLOSING("Closing", true, 1_000),
    FOOTER("Footer", true, 2_000);

    private final String label;
    private final boolean multiLine;
    private final int maxLength;

    BlockKind(String label, boolean multiLine, int maxLength) {
        this.label = label;
        this.multiLine = multiLine;
        this.maxLength = maxLength;
    }

    public String label() {
        return label;
    }

    /** Whether the text may hold line breaks. */
    public boolean multiLine() {
        return multiLine;
    }

    /** The most characters (code points) the text may have. */
    public int maxLength() {
        return maxLength;
    }
}
