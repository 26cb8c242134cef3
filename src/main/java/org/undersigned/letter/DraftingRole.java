package org.undersigned.letter;

/** What a drafting party may do with the letter. */
public enum DraftingRole {
    /** Changes the text, invites co-drafters, decides on suggestions. */
    EDITOR("Editor"),
    /** Reads, comments and suggests; cannot change the text. */
    COMMENTER("Commenter");

    private final String label;

    DraftingRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
