package org.undersigned.letter;

/**
 * How many letters wait for an administrator's review, for the dashboard (answered by the
 * publication feature, which letters may not depend on).
 */
public interface ReviewQueue {

    /** The number of letters waiting for a decision; 0 for anyone who is not an administrator. */
    int waiting();

    /** Where administrators review them. */
    String route();
}
