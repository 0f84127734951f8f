package dev.statebacked.auth;

/** A request named an org its key neither belongs to nor administers. */
public final class OrgAccessDeniedException extends RuntimeException {
    public OrgAccessDeniedException(String message) {
        super(message);
    }
}
