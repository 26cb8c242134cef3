package org.undersigned.letter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A letter as the signing feature sees it.
 *
 * @param state the name of the letter's state ({@code OPEN_FOR_SIGNATURES}, {@code LOCKED}, …)
 * @param publisherName the organisation that invites
 */
public record SignableLetter(UUID id, String title, String language, String publisherName, String state) {

    /**
     * The columns of the {@code signable_letter} view (V0060) under the alias {@code l}, in the
     * order {@link #at} reads them: a signing statement joins the view and reads the letter with
     * its invitation.
     */
    public static final String COLUMNS_OF_L = "l.id, l.title, l.language, l.publisher_name, l.state";

    /** The letter from the 5 columns after {@code o}, selected as {@link #COLUMNS_OF_L}. */
    public static SignableLetter at(ResultSet rs, int o) throws SQLException {
        return new SignableLetter(
                rs.getObject(o + 1, UUID.class),
                rs.getString(o + 2),
                rs.getString(o + 3),
                rs.getString(o + 4),
                rs.getString(o + 5));
    }

    /** Invitees may sign, decline and withdraw only while the letter is open for signatures. */
    public boolean open() {
        return "OPEN_FOR_SIGNATURES".equals(state);
    }

    public boolean draft() {
        return "DRAFT".equals(state);
    }
}
