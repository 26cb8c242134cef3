package org.undersigned.base;

/** An action that is not possible now (wrong state, expired link, too many tries), in plain words. */
public class RefusedException extends RuntimeException {
    public RefusedException(String message) {
        super(message);
    }
}
