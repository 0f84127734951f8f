package dev.statebacked.versions;

import java.util.Optional;

/** Durable, write-once objects (code bundles) by key. */
public interface BlobStore {
    void put(String key, byte[] content);

    Optional<byte[]> get(String key);
}
