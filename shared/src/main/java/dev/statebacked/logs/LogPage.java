package dev.statebacked.logs;

import java.util.List;

/** One answer of the logs API: the lines, and where the next call starts ({@code from = maxTimestamp}). */
public record LogPage(List<LogEntry> entries, long maxTimestampMillis) {
    public LogPage {
        entries = List.copyOf(entries);
    }

    public String maxTimestamp() {
        return LogTimestamps.format(maxTimestampMillis);
    }
}
