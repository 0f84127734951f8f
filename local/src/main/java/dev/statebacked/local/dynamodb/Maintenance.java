package dev.statebacked.local.dynamodb;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic housekeeping: deletes items whose TTL has passed (DynamoDB does this lazily, typically within days; the
 * emulator within one maintenance interval), drops stream records older than 24 hours, and now and then compacts
 * the store file.
 */
final class Maintenance {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    private static final long STREAM_RETENTION_MILLIS = 24L * 60 * 60 * 1000;
    /** DynamoDB ignores TTL values more than five years in the past (they are probably not epoch seconds). */
    private static final long TTL_IGNORE_OLDER_SECONDS = 5L * 365 * 24 * 60 * 60;

    private static final int COMPACT_EVERY_RUNS = 12;

    /** Items deleted per write: the write lock is held for one batch at a time. */
    private static final int SWEEP_BATCH = 500;

    private final Storage storage;
    private final Clock ttlClock;
    private int runs;

    /** {@code ttlClock}: the time items expire by (see {@link EmulatorClock}); stream trimming keeps the system's. */
    Maintenance(Storage storage, Clock ttlClock) {
        this.storage = storage;
        this.ttlClock = ttlClock;
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

    /**
     * Deletes the items whose TTL is before the TTL clock's now, as DynamoDB's own deletion does: a REMOVE stream
     * record whose identity is the DynamoDB service. Reads only the items due (the expiry index), and deletes them in
     * batches so that a sweep after a long pause never holds the write lock for long.
     */
    private void expireItems(TableDefinition table) {
        long now = ttlClock.instant().getEpochSecond();
        String attribute = table.ttl().attributeName();
        while (true) {
            List<String> due = storage.expiringBetween(table, now - TTL_IGNORE_OLDER_SECONDS, now, SWEEP_BATCH);
            if (due.isEmpty()) return;
            int deleted = storage.write(() -> {
                if (!storage.tableExists(table.name())) return 0;
                int count = 0;
                for (String key : due) {
                    Map<String, DynamoValue> current = storage.itemAt(table, key);
                    // Re-check under the lock: the item may have been rewritten with a new expiry meanwhile.
                    if (current != null && expired(current, attribute, now)) {
                        storage.replaceItem(table, current, null, true);
                        count++;
                    }
                }
                return count;
            });
            // fewer than asked for: that was all; none deleted: the rest are due later within this second
            if (due.size() < SWEEP_BATCH || deleted == 0) return;
        }
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
