package org.undersigned.account;

/** A person's role in an organisation. */
public enum Role {
    /** Manages the organisation and its members. */
    OWNER,
    /** Drafts and signs on behalf of the organisation. */
    MEMBER;

    public String label() {
        return this == OWNER ? "Owner" : "Member";
    }
}
