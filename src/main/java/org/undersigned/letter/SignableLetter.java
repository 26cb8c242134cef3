package org.undersigned.letter;

import java.util.UUID;

/**
 * A letter as the signing feature sees it.
 *
 * @param state the name of the letter's state ({@code OPEN_FOR_SIGNATURES}, {@code LOCKED}, …)
 * @param publisherName the organisation that invites
 */
public record SignableLetter(UUID id, String title, String language, String publisherName, String state) {

    /** Invitees may sign, decline and withdraw only while the letter is open for signatures. */
    public boolean open() {
        return "OPEN_FOR_SIGNATURES".equals(state);
    }

    public boolean draft() {
        return "DRAFT".equals(state);
    }
}
