package dev.statebacked.instances;

import dev.statebacked.engine.LogRecord;
import dev.statebacked.json.Json;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Logs in the table, one partition per org and hour ({@code logs#<org>#<yyyyMMddHH>}), sorted by time, so the
 * logs API reads a time range with a few queries.
 */
public final class ItemLogSink implements LogSink {
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);
    private final ItemStore store;

    public ItemLogSink(ItemStore store) {
        this.store = store;
    }

    @Override
    public void write(
            String orgId, String machineName, String versionId, String instanceName, List<LogRecord> records) {
        for (LogRecord record : records) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("timestamp", record.time().toString());
            body.put("orgId", orgId);
            body.put("machineName", machineName);
            body.put("instanceName", instanceName);
            body.put("machineVersionId", versionId);
            body.put(
                    "outputType",
                    record.level() == LogRecord.Level.ERROR || record.level() == LogRecord.Level.WARN
                            ? "stderr"
                            : "stdout");
            body.put("log", record.message());
            ItemKey key = new ItemKey(
                    "logs#" + orgId + "#" + HOUR.format(record.time()),
                    record.time().toEpochMilli() + "#" + UUID.randomUUID());
            store.write(new Write.Put(StoredItem.of(key, 1, Json.write(body))));
        }
    }
}
