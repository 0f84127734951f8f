package dev.statebacked.instances;

import dev.statebacked.engine.LogRecord;
import java.util.List;

/** Where machine code's console output goes, tagged with where it came from. */
public interface LogSink {
    void write(String orgId, String machineName, String versionId, String instanceName, List<LogRecord> records);

    /** Lines for {@code instance}'s logs, tagged with the version it runs. */
    default void write(Instance instance, List<LogRecord> records) {
        write(instance.orgId(), instance.machineName(), instance.versionId(), instance.name(), records);
    }
}
