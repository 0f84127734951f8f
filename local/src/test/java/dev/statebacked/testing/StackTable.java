package dev.statebacked.testing;

import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.local.LocalStack;
import dev.statebacked.store.DynamoItemStore;
import dev.statebacked.store.Page;
import dev.statebacked.store.StoredItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the stack's table holds, read through the real SDK client: for rules no API call can show. */
public final class StackTable {
    private StackTable() {}

    /** Every item of {@code partition}, in sort-key order. */
    public static List<StoredItem> items(LocalStack stack, String partition) {
        List<StoredItem> items = new ArrayList<>();
        try (AwsClients aws = new AwsClients(stack.apiEnvironment())) {
            DynamoItemStore store = new DynamoItemStore(
                    aws.dynamoDb(),
                    Settings.fromEnvironment(stack.apiEnvironment()).tableName());
            Optional<String> cursor = Optional.empty();
            do {
                Page page = store.query(partition, "", 100, cursor, true);
                items.addAll(page.items());
                cursor = page.cursor();
            } while (cursor.isPresent());
        }
        return items;
    }
}
