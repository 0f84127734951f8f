package dev.statebacked.logs;

import dev.statebacked.engine.LogRecord;
import dev.statebacked.instances.LogSink;
import dev.statebacked.json.Json;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.StoredItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines into the table (layout in {@link LogPartitions}, rules in docs/logs.md). Each line is stamped with the
 * time it is stored, not the time machine code printed it: lines are written after the turn's write, up to the
 * settle budget later, and a watcher that has moved past a time must find nothing new before it. Stamps of this
 * writer rise by at least a millisecond a line, so no millisecond holds more lines of one writer than a page, and
 * lines keep the order they were printed in. A write that took longer than {@link #LATE} (readers leave the newest
 * {@link LogReader#HOLD_BACK} unread) is written again under fresh stamps: a line may then be read twice, never lost.
 */
public final class ItemLogSink implements LogSink {
    private static final Logger LOG = LoggerFactory.getLogger(ItemLogSink.class);
    /** Leaves a second of {@link LogReader#HOLD_BACK} for the clocks of writer and reader to differ. */
    static final Duration LATE = LogReader.HOLD_BACK.minusSeconds(1);

    private static final int ATTEMPTS = 3;

    private final ItemStore store;
    private final Clock clock;
    private final Duration retention;
    private long lastStamp;

    /** {@code retention}: how long after its stamp a line may be deleted (its items' time to live). */
    public ItemLogSink(ItemStore store, Clock clock, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("log retention must be positive: " + retention);
        }
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public void write(
            String orgId, String machineName, String versionId, String instanceName, List<LogRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        String instance = instanceName == null ? "" : instanceName;
        for (int attempt = 1; ; attempt++) {
            long[] stamps = stamps(records.size());
            store.putAll(items(orgId, machineName, versionId, instance, records, stamps));
            long took = clock.millis() - stamps[0];
            if (took <= LATE.toMillis()) {
                return;
            }
            if (attempt == ATTEMPTS) {
                LOG.warn(
                        "{} log lines of {}/{} took {} ms to store; a watcher may have missed them",
                        records.size(),
                        machineName,
                        instanceName,
                        took);
                return;
            }
            LOG.warn(
                    "{} log lines of {}/{} took {} ms to store; writing them again under fresh stamps",
                    records.size(),
                    machineName,
                    instanceName,
                    took);
        }
    }

    /** One stamp a line, each at least a millisecond after this writer's previous one. */
    private synchronized long[] stamps(int count) {
        long[] stamps = new long[count];
        long next = Math.max(clock.millis(), lastStamp + 1);
        for (int i = 0; i < count; i++) {
            stamps[i] = next++;
        }
        lastStamp = next - 1;
        return stamps;
    }

    private List<StoredItem> items(
            String orgId,
            String machineName,
            String versionId,
            String instanceName,
            List<LogRecord> records,
            long[] stamps) {
        List<StoredItem> items = new ArrayList<>(records.size() * 4);
        for (int i = 0; i < records.size(); i++) {
            LogRecord record = records.get(i);
            long millis = stamps[i];
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("timestamp", LogTimestamps.format(millis));
            body.put("orgId", orgId);
            body.put("machineName", machineName);
            body.put("instanceName", instanceName);
            body.put("machineVersionId", versionId);
            body.put("outputType", outputType(record.level()));
            body.put("log", record.message());
            String json = Json.write(body);
            String sort = LogPartitions.sortKey(millis, UUID.randomUUID());
            Instant expiry = Instant.ofEpochMilli(millis).plus(retention);
            List<String> partitions = new ArrayList<>(List.of(
                    LogPartitions.org(orgId, millis),
                    LogPartitions.machine(orgId, machineName, millis),
                    LogPartitions.version(orgId, versionId, millis)));
            if (!instanceName.isEmpty()) {
                // a line of no instance (an HTTP API mapper's before it named one) is found by the other filters
                partitions.add(LogPartitions.instance(orgId, machineName, instanceName, millis));
            }
            for (String partition : partitions) {
                items.add(StoredItem.of(new ItemKey(partition, sort), 1, json).expiringAt(expiry));
            }
        }
        return items;
    }

    /** console.warn and console.error go to stderr, as Node writes them; everything else to stdout. */
    static String outputType(LogRecord.Level level) {
        return level == LogRecord.Level.ERROR || level == LogRecord.Level.WARN ? "stderr" : "stdout";
    }
}
