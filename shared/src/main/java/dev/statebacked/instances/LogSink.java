package dev.statebacked.instances;

import dev.statebacked.engine.LogRecord;
import java.util.List;

/** Where machine code's console output goes, tagged with where it came from. */
public interface LogSink {
    void write(String orgId, String machineName, String versionId, String instanceName, List<LogRecord> records);
}
