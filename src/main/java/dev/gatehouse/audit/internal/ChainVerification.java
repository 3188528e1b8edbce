package dev.gatehouse.audit.internal;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of re-computing the chain.
 *
 * @param recordsChecked records whose link and hash were checked before the first break (all when valid)
 * @param firstInvalidId the first id where the chain is not as it should be: a record whose hash
 *                       or link is wrong, or the first id missing from the table; {@code null} when valid
 */
public record ChainVerification(boolean valid, long recordsChecked, @Nullable Long firstInvalidId) {

    static ChainVerification valid(long recordsChecked) {
        return new ChainVerification(true, recordsChecked, null);
    }

    static ChainVerification brokenAt(long id, long recordsChecked) {
        return new ChainVerification(false, recordsChecked, id);
    }
}
