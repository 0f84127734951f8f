package dev.statebacked.logs;

/**
 * One stored log line: {@code millis} is the time it is stamped with (when it was stored: see {@link ItemLogSink}),
 * {@code outputType} {@code stdout} or {@code stderr}.
 */
public record LogEntry(
        long millis,
        String orgId,
        String machineName,
        String instanceName,
        String machineVersionId,
        String outputType,
        String log) {

    public String timestamp() {
        return LogTimestamps.format(millis);
    }
}
