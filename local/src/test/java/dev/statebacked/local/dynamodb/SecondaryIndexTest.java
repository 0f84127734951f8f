package dev.statebacked.local.dynamodb;

import static dev.statebacked.local.dynamodb.EmulatorExtension.item;
import static dev.statebacked.local.dynamodb.EmulatorExtension.n;
import static dev.statebacked.local.dynamodb.EmulatorExtension.s;
import static dev.statebacked.local.dynamodb.EmulatorExtension.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class SecondaryIndexTest {
    @RegisterExtension
    final EmulatorExtension ddb = new EmulatorExtension();

    @BeforeEach
    void createTable() {
        ddb.client()
                .createTable(b -> b.tableName("instances")
                        .attributeDefinitions(
                                def("pk", ScalarAttributeType.S),
                                def("sk", ScalarAttributeType.S),
                                def("owner", ScalarAttributeType.S),
                                def("createdAt", ScalarAttributeType.N),
                                def("status", ScalarAttributeType.S))
                        .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                        .globalSecondaryIndexes(
                                GlobalSecondaryIndex.builder()
                                        .indexName("byOwner")
                                        .keySchema(key("owner", KeyType.HASH), key("createdAt", KeyType.RANGE))
                                        .projection(p -> p.projectionType(ProjectionType.ALL))
                                        .build(),
                                GlobalSecondaryIndex.builder()
                                        .indexName("byStatus")
                                        .keySchema(key("status", KeyType.HASH))
                                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                                        .build())
                        .localSecondaryIndexes(LocalSecondaryIndex.builder()
                                .indexName("byCreated")
                                .keySchema(key("pk", KeyType.HASH), key("createdAt", KeyType.RANGE))
                                .projection(p ->
                                        p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("owner"))
                                .build())
                        .billingMode("PAY_PER_REQUEST"));
        put("m1", "i1", "alice", 30, "running");
        put("m1", "i2", "bob", 10, null);
        put("m2", "i3", "alice", 20, "running");
        put("m2", "i4", "alice", 40, "done");
    }

    @Test
    void globalSecondaryIndexQueryReturnsItemsOfTheIndexPartitionInIndexSortOrder() {
        var result = ddb.client()
                .query(b -> b.tableName("instances")
                        .indexName("byOwner")
                        .keyConditionExpression("#o = :o AND createdAt > :t")
                        .expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":o", s("alice"), ":t", n(15))));
        assertThat(strings(result.items(), "sk")).containsExactly("i3", "i1", "i4");
        assertThat(result.items().get(0)).containsEntry("status", s("running"));

        // Updating the index key moves the item within the index; removing it takes the item out (sparse index).
        ddb.client()
                .updateItem(b -> b.tableName("instances")
                        .key(item("pk", "m2", "sk", "i4"))
                        .updateExpression("SET createdAt = :t")
                        .expressionAttributeValues(Map.of(":t", n(5))));
        ddb.client()
                .updateItem(b -> b.tableName("instances")
                        .key(item("pk", "m1", "sk", "i1"))
                        .updateExpression("REMOVE #o")
                        .expressionAttributeNames(Map.of("#o", "owner")));
        var after = ddb.client()
                .query(b -> b.tableName("instances")
                        .indexName("byOwner")
                        .keyConditionExpression("#o = :o")
                        .expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":o", s("alice"))));
        assertThat(strings(after.items(), "sk")).containsExactly("i4", "i3");
    }

    @Test
    void paginatedIndexQueryResumesFromTheIndexKey() {
        var first = ddb.client()
                .query(b -> b.tableName("instances")
                        .indexName("byOwner")
                        .limit(2)
                        .keyConditionExpression("#o = :o")
                        .expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":o", s("alice"))));
        assertThat(first.lastEvaluatedKey()).isEqualTo(item("pk", "m1", "sk", "i1", "owner", "alice", "createdAt", 30));
        var second = ddb.client()
                .query(b -> b.tableName("instances")
                        .indexName("byOwner")
                        .limit(2)
                        .exclusiveStartKey(first.lastEvaluatedKey())
                        .keyConditionExpression("#o = :o")
                        .expressionAttributeNames(Map.of("#o", "owner"))
                        .expressionAttributeValues(Map.of(":o", s("alice"))));
        assertThat(strings(second.items(), "sk")).containsExactly("i4");
        assertThat(second.hasLastEvaluatedKey() && !second.lastEvaluatedKey().isEmpty())
                .isFalse();
    }

    @Test
    void keysOnlyAndIncludeProjectionsLimitTheReturnedAttributes() {
        var running = ddb.client()
                .query(b -> b.tableName("instances")
                        .indexName("byStatus")
                        .keyConditionExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", s("running"))));
        assertThat(running.items()).hasSize(2);
        running.items().forEach(i -> assertThat(i.keySet()).containsExactlyInAnyOrder("pk", "sk", "status"));

        var local = ddb.client()
                .query(b -> b.tableName("instances")
                        .indexName("byCreated")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("m1")))
                        .scanIndexForward(false));
        assertThat(strings(local.items(), "sk")).containsExactly("i1", "i2");
        local.items().forEach(i -> assertThat(i.keySet()).containsExactlyInAnyOrder("pk", "sk", "createdAt", "owner"));

        var scanned = ddb.client().scan(b -> b.tableName("instances").indexName("byStatus"));
        assertThat(scanned.count()).isEqualTo(3);
    }

    @Test
    void indexKeyOfTheWrongTypeIsRejected() {
        assertThatThrownBy(() -> ddb.client()
                        .putItem(b ->
                                b.tableName("instances").item(item("pk", "m3", "sk", "i9", "createdAt", "yesterday"))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Type mismatch for Index Key createdAt");
        assertThatThrownBy(() -> ddb.client()
                        .query(b -> b.tableName("instances")
                                .indexName("nope")
                                .keyConditionExpression("pk = :p")
                                .expressionAttributeValues(Map.of(":p", s("m1")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("does not have the specified index");
    }

    private void put(String pk, String sk, String owner, int createdAt, String status) {
        var item = item("pk", pk, "sk", sk, "owner", owner, "createdAt", createdAt);
        if (status != null) item.put("status", s(status));
        ddb.client().putItem(b -> b.tableName("instances").item(item));
    }

    private static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
