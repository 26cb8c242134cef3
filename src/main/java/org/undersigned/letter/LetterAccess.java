package org.undersigned.letter;

/** What the signed-in person may do with one letter. */
public enum LetterAccess {
    EDIT,
    COMMENT,
    /** An administrator who does not draft it: reads only. */
    READ;

    public boolean canEdit() {
        return this == EDIT;
    }

    public boolean canComment() {
        return this == EDIT || this == COMMENT;
    }

    static LetterAccess of(DraftingRole role) {
        return role == DraftingRole.EDITOR ? EDIT : COMMENT;
    }
}
