package org.undersigned.signing;

/** How a letter's signature list is ordered for publication. */
public enum ListOrder {
    SIGNING_TIME("By signing time"),
    FAMILY_NAME("Alphabetical by family name"),
    BY_HAND("By hand");

    private final String label;

    ListOrder(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
