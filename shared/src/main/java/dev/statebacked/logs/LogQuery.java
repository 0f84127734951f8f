package dev.statebacked.logs;

import java.util.Optional;

/**
 * Which lines to read: those stamped at or after {@code fromMillis} and before {@code toMillis} (when given), of the
 * machine, its instance and the version when given. An instance needs its machine (instance names are per machine).
 */
public record LogQuery(
        long fromMillis,
        Optional<Long> toMillis,
        Optional<String> machineName,
        Optional<String> instanceName,
        Optional<String> versionId) {

    public LogQuery {
        if (toMillis.isPresent() && toMillis.get() < fromMillis) {
            throw new IllegalArgumentException("to is before from");
        }
        if (instanceName.isPresent() && machineName.isEmpty()) {
            throw new IllegalArgumentException("an instance needs its machine");
        }
    }

    public static LogQuery from(long fromMillis) {
        return new LogQuery(fromMillis, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public LogQuery to(long to) {
        return new LogQuery(fromMillis, Optional.of(to), machineName, instanceName, versionId);
    }

    public LogQuery machine(String machine) {
        return new LogQuery(fromMillis, toMillis, Optional.of(machine), instanceName, versionId);
    }

    public LogQuery instance(String instance) {
        return new LogQuery(fromMillis, toMillis, machineName, Optional.of(instance), versionId);
    }

    public LogQuery version(String version) {
        return new LogQuery(fromMillis, toMillis, machineName, instanceName, Optional.of(version));
    }

    public LogQuery startingAt(long from) {
        return new LogQuery(from, toMillis, machineName, instanceName, versionId);
    }

    /** The partition of the hour of {@code millis} that holds every line this query can match (and few others). */
    String partition(String orgId, long millis) {
        if (instanceName.isPresent()) {
            return LogPartitions.instance(orgId, machineName.orElseThrow(), instanceName.get(), millis);
        }
        if (versionId.isPresent()) {
            return LogPartitions.version(orgId, versionId.get(), millis);
        }
        return machineName
                .map(machine -> LogPartitions.machine(orgId, machine, millis))
                .orElseGet(() -> LogPartitions.org(orgId, millis));
    }

    /**
     * Whether a line of the partition matches: only a filter the partition does not imply is checked (a version
     * with an instance, a machine with a version), and both partitions hold only lines of one machine.
     */
    boolean matches(LogEntry entry) {
        return machineName.map(entry.machineName()::equals).orElse(true)
                && instanceName.map(entry.instanceName()::equals).orElse(true)
                && versionId.map(entry.machineVersionId()::equals).orElse(true);
    }
}
