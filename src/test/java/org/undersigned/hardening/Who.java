package org.undersigned.hardening;

/** The callers of the access-control matrix, in the order of the table's columns. */
enum Who {
    ANONYMOUS("anonymous"),
    SIGNER("signer of another letter"),
    OUTSIDER("member of a non-drafting organisation"),
    COMMENTER("commenter"),
    EDITOR("editor"),
    OWNER("owner"),
    ADMIN_PENDING("administrator without the second factor"),
    ADMIN("administrator with the second factor");

    final String label;

    Who(String label) {
        this.label = label;
    }
}
