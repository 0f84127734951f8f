package dev.statebacked.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys looked up by id, kept briefly so that each request does not read the table. A key deleted through
 * this process is forgotten at once; other processes forget it when their entry expires ({@link #TTL}).
 */
public final class KeyCache {
    static final Duration TTL = Duration.ofSeconds(60);

    private record Entry(Optional<ApiKey> key, String secret, Instant expires) {}

    private final KeyRepository keys;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public KeyCache(KeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The key and its opened secret, or empty when no such key exists. */
    public Optional<VerificationKey> find(String keyId) {
        Instant now = clock.instant();
        Entry entry = entries.get(keyId);
        if (entry == null || !entry.expires().isAfter(now)) {
            Optional<ApiKey> key = keys.find(keyId);
            entry = new Entry(key, key.map(keys::secretOf).orElse(""), now.plus(TTL));
            entries.put(keyId, entry);
        }
        Entry found = entry;
        return found.key().map(k -> new VerificationKey(k, found.secret()));
    }

    public void forget(String keyId) {
        entries.remove(keyId);
    }

    public record VerificationKey(ApiKey key, String secret) {}
}
