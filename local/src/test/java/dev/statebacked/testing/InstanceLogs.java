package dev.statebacked.testing;

import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.json.Json;
import dev.statebacked.local.LocalStack;
import dev.statebacked.store.DynamoItemStore;
import dev.statebacked.store.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The log lines of one instance, read from the stack's table (this hour's and the last hour's partitions). */
public final class InstanceLogs {
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

    private InstanceLogs() {}

    public static List<String> of(LocalStack stack, String machine, String instance) {
        List<String> lines = new ArrayList<>();
        try (AwsClients aws = new AwsClients(stack.apiEnvironment())) {
            DynamoItemStore store = new DynamoItemStore(
                    aws.dynamoDb(),
                    Settings.fromEnvironment(stack.apiEnvironment()).tableName());
            Instant now = Instant.now();
            for (Instant hour : List.of(now.minus(Duration.ofHours(1)), now)) {
                String partition = "logs#" + stack.credentials().orgId() + "#" + HOUR.format(hour);
                Optional<String> cursor = Optional.empty();
                do {
                    Page page = store.query(partition, "", 100, cursor, true);
                    page.items().stream()
                            .map(item -> Json.readStored(item.body()))
                            .filter(log -> log.path("machineName").asText().equals(machine)
                                    && log.path("instanceName").asText().equals(instance))
                            .forEach(log -> lines.add(log.path("log").asText()));
                    cursor = page.cursor();
                } while (cursor.isPresent());
            }
        }
        return lines;
    }
}
