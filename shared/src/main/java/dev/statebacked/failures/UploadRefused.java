package dev.statebacked.failures;

/** A code upload its signed policy does not cover: missing, forged or expired, or for another key. */
public final class UploadRefused extends DomainException {
    public UploadRefused(String message) {
        super(message);
    }
}
