package dev.statebacked.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One stored record: a JSON body, the sequence number that conditional writes compare, and a few
 * extra string attributes that secondary indexes and expiry are built from.
 */
public record StoredItem(ItemKey key, long sequence, String body, Map<String, String> attributes) {
    public StoredItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(body, "body");
        attributes = Map.copyOf(attributes);
        attributes.keySet().forEach(ItemAttributes::requireNotReserved);
    }

    public static StoredItem of(ItemKey key, long sequence, String body) {
        return new StoredItem(key, sequence, body, Map.of());
    }

    public StoredItem withSequence(long newSequence) {
        return new StoredItem(key, newSequence, body, attributes);
    }

    /** This item, which DynamoDB's time to live deletes some time (up to days) after {@code at}. */
    public StoredItem expiringAt(Instant at) {
        Map<String, String> withExpiry = new HashMap<>(attributes);
        withExpiry.put(ItemAttributes.EXPIRES_AT, Long.toString(at.getEpochSecond()));
        return new StoredItem(key, sequence, body, withExpiry);
    }
}
