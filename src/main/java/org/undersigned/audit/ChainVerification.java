package org.undersigned.audit;

import org.jspecify.annotations.Nullable;

/**
 * The result of walking the audit chain.
 *
 * @param rowsChecked how many rows were read
 * @param firstBrokenRow the id of the first row whose hash or link does not hold, or null
 * @param problem what is wrong with that row, in words
 */
public record ChainVerification(
        long rowsChecked,
        @Nullable Long firstBrokenRow,
        @Nullable String problem) {

    public boolean intact() {
        return firstBrokenRow == null;
    }
}
