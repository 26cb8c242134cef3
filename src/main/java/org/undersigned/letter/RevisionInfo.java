package org.undersigned.letter;

import java.time.Instant;
import java.util.List;

/** One entry of a letter's history, with the names people gave it. */
public record RevisionInfo(int number, Instant createdAt, String authorName, String summary, List<String> names) {

    public RevisionInfo {
        names = List.copyOf(names);
    }
}
