package dev.statebacked.versions;

import java.util.Optional;

/**
 * Durable objects (code bundles) by key. A blob may be written again until it is sealed; from then on its content
 * is final and {@link #get} returns the sealed content forever.
 */
public interface BlobStore {
    /** Writes {@code content} under {@code key}; {@link SealedBlobException} once the key is sealed. */
    void put(String key, byte[] content);

    Optional<byte[]> get(String key);

    /** Makes the blob's current content final (idempotent); false when there is no blob under {@code key}. */
    boolean seal(String key);
}
