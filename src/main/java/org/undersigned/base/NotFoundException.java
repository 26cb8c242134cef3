package org.undersigned.base;

/**
 * The thing does not exist, or the caller may not know that it exists: both look the same, so
 * that a refusal never hints at what is hidden.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException() {
        super("Not found.");
    }
}
