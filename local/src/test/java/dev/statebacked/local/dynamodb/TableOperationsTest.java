package dev.statebacked.local.dynamodb;

import static dev.statebacked.local.dynamodb.EmulatorExtension.item;
import static dev.statebacked.local.dynamodb.EmulatorExtension.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@SuppressWarnings("unchecked") // generic varargs of item maps (SDK builders, AssertJ)
class TableOperationsTest {
    @RegisterExtension
    final EmulatorExtension ddb = new EmulatorExtension();

    @Test
    void tablesCanBeCreatedDescribedListedAndDeleted() {
        ddb.createTable("alpha", ScalarAttributeType.N);
        ddb.createTable("beta", null);
        ddb.createTable("gamma", ScalarAttributeType.B);
        // The SDK's waiter works because tables are ACTIVE at once.
        ddb.client().waiter().waitUntilTableExists(b -> b.tableName("alpha"));
        var alpha = ddb.client().describeTable(b -> b.tableName("alpha")).table();
        assertThat(alpha.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(alpha.keySchema())
                .extracting(KeySchemaElement::attributeName)
                .containsExactly("pk", "sk");
        assertThat(alpha.tableArn()).endsWith(":table/alpha");
        assertThat(alpha.creationDateTime()).isNotNull();

        var firstPage = ddb.client().listTables(b -> b.limit(2));
        assertThat(firstPage.tableNames()).containsExactly("alpha", "beta");
        assertThat(ddb.client()
                        .listTables(b -> b.exclusiveStartTableName(firstPage.lastEvaluatedTableName()))
                        .tableNames())
                .containsExactly("gamma");

        ddb.client().putItem(b -> b.tableName("beta").item(item("pk", "x")));
        ddb.client().deleteTable(b -> b.tableName("beta"));
        assertThat(ddb.client().listTables().tableNames()).containsExactly("alpha", "gamma");
        // Re-creating a deleted table starts empty.
        ddb.createTable("beta", null);
        assertThat(ddb.client().scan(b -> b.tableName("beta")).count()).isZero();
    }

    @Test
    void existingAndMissingTablesRaiseTheSdksTypedExceptions() {
        ddb.createTable("alpha", null);
        assertThatThrownBy(() -> ddb.createTable("alpha", null)).isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> ddb.client().describeTable(b -> b.tableName("missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() ->
                        ddb.client().getItem(b -> b.tableName("missing").key(item("pk", "a"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> ddb.client().deleteTable(b -> b.tableName("missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> ddb.client()
                        .createTable(b -> b.tableName("bad")
                                .attributeDefinitions(AttributeDefinition.builder()
                                        .attributeName("id")
                                        .attributeType(ScalarAttributeType.S)
                                        .build())
                                .keySchema(KeySchemaElement.builder()
                                        .attributeName("other")
                                        .keyType(KeyType.HASH)
                                        .build())))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("not defined in AttributeDefinitions");
    }

    @Test
    void itemsMustCarryTheKeyWithTheDeclaredTypes() {
        ddb.createTable("alpha", ScalarAttributeType.N);
        assertThatThrownBy(() -> ddb.client().putItem(b -> b.tableName("alpha").item(item("pk", "a"))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Missing the key sk");
        assertThatThrownBy(() -> ddb.client().putItem(b -> b.tableName("alpha").item(item("pk", "a", "sk", "text"))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Type mismatch for key sk");
        assertThatThrownBy(() -> ddb.client().getItem(b -> b.tableName("alpha").key(item("pk", "a"))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("The provided key element does not match the schema");
        assertThatThrownBy(() -> ddb.client().putItem(b -> b.tableName("alpha").item(item("pk", "", "sk", 1))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("empty string");
    }

    @Test
    void batchWritesAndBatchGetsHandleManyItemsAtOnce() {
        ddb.createTable("alpha", null);
        List<WriteRequest> writes = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            writes.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder()
                            .item(item("pk", "k" + i, "n", i))
                            .build())
                    .build());
        }
        var written = ddb.client().batchWriteItem(b -> b.requestItems(Map.of("alpha", writes)));
        assertThat(written.unprocessedItems()).isEmpty();
        ddb.client()
                .batchWriteItem(b -> b.requestItems(Map.of(
                        "alpha",
                        List.of(WriteRequest.builder()
                                .deleteRequest(DeleteRequest.builder()
                                        .key(item("pk", "k0"))
                                        .build())
                                .build()))));

        var read = ddb.client()
                .batchGetItem(b -> b.requestItems(Map.of(
                        "alpha",
                        KeysAndAttributes.builder()
                                .keys(item("pk", "k0"), item("pk", "k1"), item("pk", "k24"))
                                .projectionExpression("n")
                                .build())));
        assertThat(read.responses().get("alpha"))
                .containsExactlyInAnyOrder(
                        Map.of("n", AttributeValue.fromN("1")), Map.of("n", AttributeValue.fromN("24")));
        assertThat(read.unprocessedKeys()).isEmpty();
        assertThatThrownBy(() -> ddb.client()
                        .batchGetItem(b -> b.requestItems(Map.of(
                                "alpha",
                                KeysAndAttributes.builder()
                                        .keys(item("pk", "k1"), item("pk", "k1"))
                                        .build()))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("duplicates");
    }

    @Test
    void updateTableAddsBackfilledIndexesAndTurnsStreamsOn() {
        ddb.createTable("alpha", null);
        ddb.client().putItem(b -> b.tableName("alpha").item(item("pk", "a", "owner", "ann")));
        ddb.client().putItem(b -> b.tableName("alpha").item(item("pk", "b")));
        var updated = ddb.client()
                .updateTable(b -> b.tableName("alpha")
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("owner")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byOwner")
                                .keySchema(KeySchemaElement.builder()
                                        .attributeName("owner")
                                        .keyType(KeyType.HASH)
                                        .build())
                                .projection(p -> p.projectionType("ALL"))))
                        .streamSpecification(st -> st.streamEnabled(true).streamViewType("NEW_IMAGE")))
                .tableDescription();
        assertThat(updated.latestStreamArn()).isNotNull();
        var byOwner = ddb.client()
                .query(b -> b.tableName("alpha")
                        .indexName("byOwner")
                        .keyConditionExpression("#o = :o")
                        .expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":o", s("ann")))
                        .returnConsumedCapacity("TOTAL"));
        assertThat(byOwner.items()).containsExactly(item("pk", "a", "owner", "ann"));
        assertThat(byOwner.consumedCapacity().tableName()).isEqualTo("alpha");

        ddb.client()
                .updateTable(b ->
                        b.tableName("alpha").globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byOwner"))));
        assertThat(ddb.client().describeTable(b -> b.tableName("alpha")).table().hasGlobalSecondaryIndexes())
                .isFalse();
    }

    @Test
    void timeToLiveSettingIsStoredAndDescribed() {
        ddb.createTable("alpha", null);
        assertThat(ddb.client()
                        .describeTimeToLive(b -> b.tableName("alpha"))
                        .timeToLiveDescription()
                        .timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
        var updated = ddb.client()
                .updateTimeToLive(b -> b.tableName("alpha")
                        .timeToLiveSpecification(t -> t.enabled(true).attributeName("ttl")));
        assertThat(updated.timeToLiveSpecification().attributeName()).isEqualTo("ttl");
        var description =
                ddb.client().describeTimeToLive(b -> b.tableName("alpha")).timeToLiveDescription();
        assertThat(description.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(description.attributeName()).isEqualTo("ttl");
        assertThat(ddb.client()
                        .getItem(b -> b.tableName("alpha").key(Map.of("pk", s("none"))))
                        .hasItem())
                .isFalse();
    }
}
