package dev.statebacked.testing;

import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.json.Json;
import dev.statebacked.local.LocalStack;
import dev.statebacked.logs.LogPartitions;
import dev.statebacked.store.DynamoItemStore;
import dev.statebacked.store.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The log lines of one instance, oldest first, read from the stack's table: its instance partitions of this hour and
 * the last. Unlike the logs API it does not hold back the newest seconds, so a test sees a line as soon as it is
 * stored.
 */
public final class InstanceLogs {
    private InstanceLogs() {}

    public static List<String> of(LocalStack stack, String machine, String instance) {
        List<String> lines = new ArrayList<>();
        try (AwsClients aws = new AwsClients(stack.apiEnvironment())) {
            DynamoItemStore store = new DynamoItemStore(
                    aws.dynamoDb(),
                    Settings.fromEnvironment(stack.apiEnvironment()).tableName());
            long now = System.currentTimeMillis();
            for (long hour : List.of(now - Duration.ofHours(1).toMillis(), now)) {
                String partition = LogPartitions.instance(stack.credentials().orgId(), machine, instance, hour);
                Optional<String> cursor = Optional.empty();
                do {
                    Page page = store.query(partition, "", 100, cursor, true);
                    page.items()
                            .forEach(item -> lines.add(
                                    Json.readStored(item.body()).path("log").asText()));
                    cursor = page.cursor();
                } while (cursor.isPresent());
            }
        }
        return lines;
    }
}
