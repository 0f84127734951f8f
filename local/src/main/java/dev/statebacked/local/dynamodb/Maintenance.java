package dev.statebacked.local.dynamodb;

import dev.statebacked.local.dynamodb.TableDefinition.TtlSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic housekeeping: deletes items whose TTL has passed (DynamoDB does this lazily too, within days; we do it
 * within seconds), drops stream records older than 24 hours, and now and then compacts the store file.
 */
final class Maintenance {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    private static final long STREAM_RETENTION_MILLIS = 24L * 60 * 60 * 1000;
    /** DynamoDB ignores TTL values more than five years in the past (they are probably not epoch seconds). */
    private static final long TTL_IGNORE_OLDER_SECONDS = 5L * 365 * 24 * 60 * 60;

    private static final int COMPACT_EVERY_RUNS = 12;

    private final Storage storage;
    private int runs;

    Maintenance(Storage storage) {
        this.storage = storage;
    }

    synchronized void run() {
        try {
            for (TableDefinition table : storage.allTables()) {
                if (table.ttl() != null && table.ttl().enabled()) expireItems(table);
                if (table.streamEnabled()) trimStream(table);
            }
            if (++runs % COMPACT_EVERY_RUNS == 0) storage.compact();
        } catch (RuntimeException e) {
            // A table deleted mid-run, or the store closing: the next run will see a consistent state again.
            LOG.debug("DynamoDB emulator maintenance skipped a run", e);
        }
    }

    private void expireItems(TableDefinition table) {
        long now = System.currentTimeMillis() / 1000;
        TtlSettings ttl = table.ttl();
        List<Map<String, DynamoValue>> expiredKeys = new ArrayList<>();
        String attributeKey = ValueJson.NODES.textNode(ttl.attributeName()).toString() + ":";
        for (String json : storage.items(table).values()) {
            // Cheap pre-check so that a sweep does not parse every item of a large table.
            if (!json.contains(attributeKey)) continue;
            Map<String, DynamoValue> item = ValueJson.itemFromString(json);
            if (expired(item, ttl.attributeName(), now)) expiredKeys.add(Keys.keyOf(table.key(), item));
        }
        if (expiredKeys.isEmpty()) return;
        storage.write(() -> {
            if (!storage.tableExists(table.name())) return null;
            for (Map<String, DynamoValue> key : expiredKeys) {
                Map<String, DynamoValue> current = storage.getItem(table, key);
                // Re-check under the lock: the item may have been rewritten with a new expiry meanwhile.
                if (current != null && expired(current, ttl.attributeName(), now))
                    storage.replaceItem(table, current, null, true);
            }
            return null;
        });
    }

    private static boolean expired(Map<String, DynamoValue> item, String attribute, long nowSeconds) {
        if (!(item.get(attribute) instanceof DynamoValue.Num n)) return false;
        BigDecimal expiry = n.value();
        return expiry.compareTo(BigDecimal.valueOf(nowSeconds)) < 0
                && expiry.compareTo(BigDecimal.valueOf(nowSeconds - TTL_IGNORE_OLDER_SECONDS)) > 0;
    }

    private void trimStream(TableDefinition table) {
        long cutoffSeconds = (System.currentTimeMillis() - STREAM_RETENTION_MILLIS) / 1000;
        MVMap<Long, String> stream = storage.stream(table);
        if (stream.isEmpty() || createdSeconds(stream.get(stream.firstKey())) >= cutoffSeconds) return;
        storage.write(() -> {
            if (!storage.tableExists(table.name())) return null;
            while (!stream.isEmpty() && createdSeconds(stream.get(stream.firstKey())) < cutoffSeconds)
                stream.remove(stream.firstKey());
            return null;
        });
    }

    private static long createdSeconds(String recordJson) {
        try {
            return ValueJson.MAPPER
                    .readTree(recordJson)
                    .path("dynamodb")
                    .path("ApproximateCreationDateTime")
                    .asLong();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
