package dev.statebacked.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * The store contract on {@link DynamoItemStore}, against whichever DynamoDB a subclass provides (the embedded
 * emulator, or LocalStack in a container where a Docker engine exists), and what only a DynamoDB table shows.
 */
abstract class DynamoItemStoreContract extends ItemStoreContract {
    static final String TABLE = "ItemStoreContract";

    abstract DynamoDbClient dynamoDb();

    @Override
    protected ItemStore store() {
        return new DynamoItemStore(dynamoDb(), TABLE);
    }

    static void createTable(DynamoDbClient dynamoDb) {
        try {
            dynamoDb.createTable(b -> b.tableName(TABLE)
                    .attributeDefinitions(
                            a -> a.attributeName("pk").attributeType("S"),
                            a -> a.attributeName("sk").attributeType("S"))
                    .keySchema(
                            k -> k.attributeName("pk").keyType("HASH"),
                            k -> k.attributeName("sk").keyType("RANGE"))
                    .billingMode("PAY_PER_REQUEST"));
        } catch (ResourceInUseException exists) {
            // created by an earlier test of the class
        }
    }

    @Test
    void anExpiringItemCarriesItsTimeToLiveAsANumberOfEpochSeconds() {
        ItemKey key = new ItemKey("expiring-number#" + System.nanoTime(), "item");
        Instant at = Instant.parse("2030-01-30T10:00:00Z");
        store().write(new Write.PutIfAbsent(StoredItem.of(key, 1, "{}").expiringAt(at)));

        // DynamoDB's TTL reads a Number attribute only: a String one would keep the item forever
        AttributeValue stored = dynamoDb()
                .getItem(b -> b.tableName(TABLE)
                        .key(Map.of(
                                "pk", AttributeValue.fromS(key.partition()), "sk", AttributeValue.fromS(key.sort()))))
                .item()
                .get("ttl");
        assertThat(stored.n()).isEqualTo(Long.toString(at.getEpochSecond()));
        assertThat(store().get(key))
                .map(item -> item.attributes().get("ttl"))
                .hasValue(Long.toString(at.getEpochSecond()));
    }
}
