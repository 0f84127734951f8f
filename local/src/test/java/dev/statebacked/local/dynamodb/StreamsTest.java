package dev.statebacked.local.dynamodb;

import static dev.statebacked.local.dynamodb.EmulatorExtension.item;
import static dev.statebacked.local.dynamodb.EmulatorExtension.n;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class StreamsTest {
    @RegisterExtension
    final EmulatorExtension ddb = new EmulatorExtension();

    @Test
    void putsUpdatesAndDeletesProduceInsertModifyAndRemoveRecordsWithImages() {
        String arn = createStreamTable("machines", StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(ddb.client()
                        .describeTable(b -> b.tableName("machines"))
                        .table()
                        .latestStreamArn())
                .isEqualTo(arn);
        assertThat(ddb.streams().listStreams(b -> b.tableName("machines")).streams())
                .singleElement()
                .satisfies(s -> assertThat(s.streamArn()).isEqualTo(arn));

        ddb.client().putItem(b -> b.tableName("machines").item(item("pk", "m1", "v", 1)));
        ddb.client()
                .updateItem(b -> b.tableName("machines")
                        .key(item("pk", "m1"))
                        .updateExpression("SET v = :v")
                        .expressionAttributeValues(Map.of(":v", n(2))));
        ddb.client().putItem(b -> b.tableName("machines").item(item("pk", "m1", "v", 2))); // no change: no record
        ddb.client().deleteItem(b -> b.tableName("machines").key(item("pk", "m1")));
        ddb.client().deleteItem(b -> b.tableName("machines").key(item("pk", "never-existed"))); // no change: no record

        var description = ddb.streams().describeStream(b -> b.streamArn(arn)).streamDescription();
        assertThat(description.tableName()).isEqualTo("machines");
        assertThat(description.streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        String shardId = description.shards().get(0).shardId();
        String iterator = ddb.streams()
                .getShardIterator(
                        b -> b.streamArn(arn).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        var page = ddb.streams().getRecords(b -> b.shardIterator(iterator));
        List<Record> records = page.records();
        assertThat(records)
                .extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        assertThat(records.get(0).dynamodb().keys()).isEqualTo(item("pk", "m1"));
        assertThat(records.get(0).dynamodb().newImage()).isEqualTo(item("pk", "m1", "v", 1));
        assertThat(records.get(0).dynamodb().hasOldImage()).isFalse();
        assertThat(records.get(1).dynamodb().oldImage()).isEqualTo(item("pk", "m1", "v", 1));
        assertThat(records.get(1).dynamodb().newImage()).isEqualTo(item("pk", "m1", "v", 2));
        assertThat(records.get(2).dynamodb().oldImage()).isEqualTo(item("pk", "m1", "v", 2));
        assertThat(records.get(2).dynamodb().hasNewImage()).isFalse();
        assertThat(records.get(0).dynamodb().approximateCreationDateTime()).isNotNull();
        assertThat(records)
                .extracting(r -> new BigInteger(r.dynamodb().sequenceNumber()))
                .isSorted()
                .doesNotHaveDuplicates();

        // The next iterator continues after what was read, and sees later writes.
        var empty = ddb.streams().getRecords(b -> b.shardIterator(page.nextShardIterator()));
        assertThat(empty.records()).isEmpty();
        ddb.client().putItem(b -> b.tableName("machines").item(item("pk", "m2")));
        var later = ddb.streams().getRecords(b -> b.shardIterator(empty.nextShardIterator()));
        assertThat(later.records())
                .singleElement()
                .satisfies(r -> assertThat(r.dynamodb().keys()).isEqualTo(item("pk", "m2")));

        String second = records.get(1).dynamodb().sequenceNumber();
        assertThat(read(arn, shardId, ShardIteratorType.AT_SEQUENCE_NUMBER, second))
                .hasSize(3);
        assertThat(read(arn, shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second))
                .hasSize(2);
        assertThat(read(arn, shardId, ShardIteratorType.LATEST, null)).isEmpty();
    }

    @Test
    void keysOnlyStreamsCarryNoImagesAndLimitPagesRecords() {
        String arn = createStreamTable("keys", StreamViewType.KEYS_ONLY);
        for (int i = 0; i < 5; i++) {
            int v = i;
            ddb.client().putItem(b -> b.tableName("keys").item(item("pk", "k" + v, "payload", "x")));
        }
        String shardId = ddb.streams()
                .describeStream(b -> b.streamArn(arn))
                .streamDescription()
                .shards()
                .get(0)
                .shardId();
        String iterator = ddb.streams()
                .getShardIterator(
                        b -> b.streamArn(arn).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        var first = ddb.streams().getRecords(b -> b.shardIterator(iterator).limit(3));
        var rest = ddb.streams()
                .getRecords(b -> b.shardIterator(first.nextShardIterator()).limit(3));
        assertThat(first.records()).hasSize(3);
        assertThat(rest.records()).hasSize(2);
        first.records().forEach(r -> {
            assertThat(r.dynamodb().hasNewImage()).isFalse();
            assertThat(r.dynamodb().keys()).containsOnlyKeys("pk");
        });
    }

    private List<Record> read(String arn, String shardId, ShardIteratorType type, String sequence) {
        String iterator = ddb.streams()
                .getShardIterator(b -> b.streamArn(arn)
                        .shardId(shardId)
                        .shardIteratorType(type)
                        .sequenceNumber(sequence))
                .shardIterator();
        return ddb.streams().getRecords(b -> b.shardIterator(iterator)).records();
    }

    private String createStreamTable(String name, StreamViewType viewType) {
        return ddb.client()
                .createTable(b -> b.tableName(name)
                        .billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build())
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)))
                .tableDescription()
                .latestStreamArn();
    }
}
