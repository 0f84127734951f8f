package dev.statebacked.store;

import dev.statebacked.api.ServiceProbe;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Health of the table: it exists and answers. */
public final class DynamoTableProbe implements ServiceProbe {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoTableProbe(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public void check() {
        dynamoDb.describeTable(b -> b.tableName(table));
    }
}
