package dev.statebacked.testing;

import dev.statebacked.json.Json;
import dev.statebacked.local.LocalStack;
import dev.statebacked.logs.LogPartitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The log lines of one instance (or, for {@code ""}, of none), oldest first, read from the stack's table: its
 * partitions of this hour and the last. Unlike the logs API it does not hold back the newest seconds, so a test sees
 * a line as soon as it is stored.
 */
public final class InstanceLogs {
    private InstanceLogs() {}

    public static List<String> of(LocalStack stack, String machine, String instance) {
        List<String> lines = new ArrayList<>();
        String org = stack.credentials().orgId();
        long now = System.currentTimeMillis();
        for (long hour : List.of(now - Duration.ofHours(1).toMillis(), now)) {
            // lines of no instance (an HTTP API mapper's that failed before naming one) have no instance copy
            String partition = instance.isEmpty()
                    ? LogPartitions.machine(org, machine, hour)
                    : LogPartitions.instance(org, machine, instance, hour);
            StackTable.items(stack, partition).stream()
                    .map(item -> Json.readStored(item.body()))
                    .filter(line -> line.path("instanceName").asText().equals(instance))
                    .forEach(line -> lines.add(line.path("log").asText()));
        }
        return lines;
    }
}
