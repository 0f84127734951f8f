package dev.statebacked.versions;

/** A write to a blob that was sealed: its content is final. */
public final class SealedBlobException extends RuntimeException {
    public SealedBlobException(String key) {
        super("blob " + key + " is sealed; its content cannot change");
    }
}
