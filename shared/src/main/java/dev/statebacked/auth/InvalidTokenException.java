package dev.statebacked.auth;

/** The token is missing, malformed, expired, badly signed or names an unknown key. */
public final class InvalidTokenException extends RuntimeException {
    public InvalidTokenException(String message) {
        super(message);
    }
}
