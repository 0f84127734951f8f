package dev.statebacked.local.dynamodb;

import static dev.statebacked.local.dynamodb.EmulatorExtension.item;
import static dev.statebacked.local.dynamodb.EmulatorExtension.n;
import static dev.statebacked.local.dynamodb.EmulatorExtension.s;
import static dev.statebacked.local.dynamodb.EmulatorExtension.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The emulator's time to live, as DynamoDB's: an item whose TTL attribute, a Number of epoch seconds, is before the
 * emulator's clock is deleted at the next maintenance run, with a REMOVE stream record naming the DynamoDB service.
 * Tests move the clock ahead instead of waiting.
 */
class TimeToLiveTest {
    private static final String TABLE = "expiring";
    private static final long DAY = Duration.ofDays(1).toSeconds();

    @RegisterExtension
    final EmulatorExtension ddb = new EmulatorExtension();

    private final long now = System.currentTimeMillis() / 1000;

    @Test
    void anItemIsDeletedOnceTheClockPassesItsTtlAndNotBefore() {
        table(true);
        put("tomorrow", n(now + DAY));
        put("next-month", n(now + 31 * DAY));
        put("forever", null);

        sweep();
        assertThat(keys()).containsExactlyInAnyOrder("tomorrow", "next-month", "forever");

        ddb.emulator().ttlClock().advance(Duration.ofDays(2));
        sweep();
        assertThat(keys()).containsExactlyInAnyOrder("next-month", "forever");

        ddb.emulator().ttlClock().advance(Duration.ofDays(30));
        sweep();
        assertThat(keys()).containsExactly("forever");
    }

    @Test
    void onlyANumberIsATtlAStringOneNeverExpires() {
        table(true);
        put("number", n(now - 10));
        put("string", s(Long.toString(now - 10)));

        sweep();

        assertThat(keys()).containsExactly("string");
    }

    @Test
    void aTtlMoreThanFiveYearsInThePastIsIgnoredAsNotEpochSeconds() {
        table(true);
        put("six-years-ago", n(now - 6 * 365 * DAY));
        put("the-epoch", n(5));
        put("negative", n(-100));
        put("four-years-ago", n(now - 4 * 365 * DAY));
        put("in-milliseconds", n(now * 1000)); // far in the future as seconds

        sweep();

        assertThat(keys()).containsExactlyInAnyOrder("six-years-ago", "the-epoch", "negative", "in-milliseconds");
    }

    @Test
    void aDeletionByTtlIsARemoveRecordOfTheServiceAndAUsersDeleteIsNot() {
        table(true);
        put("expired", n(now - 10));
        put("deleted", null);
        ddb.client().deleteItem(b -> b.tableName(TABLE).key(Map.of("pk", s("deleted"))));

        sweep();

        List<Record> records = streamRecords();
        Record byUser = records.stream()
                .filter(r -> r.eventNameAsString().equals("REMOVE")
                        && r.dynamodb().keys().get("pk").s().equals("deleted"))
                .findFirst()
                .orElseThrow();
        Record byTtl = records.stream()
                .filter(r -> r.eventNameAsString().equals("REMOVE")
                        && r.dynamodb().keys().get("pk").s().equals("expired"))
                .findFirst()
                .orElseThrow();
        assertThat(byUser.userIdentity()).isNull();
        assertThat(byTtl.userIdentity().type()).isEqualTo("Service");
        assertThat(byTtl.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(byTtl.dynamodb().oldImage().get("pk").s()).isEqualTo("expired");
        assertThat(byTtl.dynamodb().newImage()).isEmpty();
    }

    @Test
    void anItemRewrittenWithALaterTtlOrNoneFollowsItsNewValue() {
        table(true);
        put("put-again", n(now + DAY));
        put("updated", n(now + DAY));
        put("ttl-removed", n(now + DAY));
        put("put-again", n(now + 10 * DAY));
        ddb.client()
                .updateItem(b -> b.tableName(TABLE)
                        .key(Map.of("pk", s("updated")))
                        .updateExpression("SET #t = :t")
                        .expressionAttributeNames(Map.of("#t", "ttl"))
                        .expressionAttributeValues(Map.of(":t", n(now + 10 * DAY))));
        ddb.client()
                .updateItem(b -> b.tableName(TABLE)
                        .key(Map.of("pk", s("ttl-removed")))
                        .updateExpression("REMOVE #t")
                        .expressionAttributeNames(Map.of("#t", "ttl")));

        ddb.emulator().ttlClock().advance(Duration.ofDays(2));
        sweep();
        assertThat(keys()).containsExactlyInAnyOrder("put-again", "updated", "ttl-removed");

        ddb.emulator().ttlClock().advance(Duration.ofDays(10));
        sweep();
        assertThat(keys()).containsExactly("ttl-removed");
    }

    @Test
    void enablingTtlCoversTheItemsAlreadyThereAndDisablingItStopsExpiry() {
        table(false);
        put("before-enabling", n(now - 10));
        enableTtl(true);
        sweep();
        assertThat(keys()).isEmpty();

        put("after-disabling", n(now - 10));
        enableTtl(false);
        sweep();
        assertThat(keys()).containsExactly("after-disabling");
    }

    @Test
    void expiryIsKeptAcrossARestart() {
        table(true);
        put("next-week", n(now + 7 * DAY));

        ddb.restart();
        ddb.emulator().ttlClock().advance(Duration.ofDays(8));
        sweep();

        assertThat(keys()).isEmpty();
    }

    @Test
    void writesAfterTtlDeletionsEmptiedATableSurviveRestarts() {
        // the layout that made H2's compaction on close fail its own check (see Storage.close)
        table(true);
        put("expired", n(now - 10));
        put("deleted", null);
        ddb.client().deleteItem(b -> b.tableName(TABLE).key(Map.of("pk", s("deleted"))));
        sweep();
        sweep();

        ddb.restart();
        assertThat(keys()).isEmpty();
        put("later", null);
        ddb.restart();

        assertThat(keys()).containsExactly("later");
    }

    @Test
    void oneRunDeletesEveryExpiredItemOfALargeTableAndLeavesTheRest() {
        table(true);
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < 1_300; i++) {
            // most expire; every tenth is kept for a year
            long ttl = i % 10 == 0 ? now + 365 * DAY : now + (i % 7) * 60;
            batch.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder()
                            .item(item("pk", "item-" + i, "ttl", n(ttl)))
                            .build())
                    .build());
            if (batch.size() == 25) {
                List<WriteRequest> requests = List.copyOf(batch);
                ddb.client().batchWriteItem(b -> b.requestItems(Map.of(TABLE, requests)));
                batch.clear();
            }
        }

        ddb.emulator().ttlClock().advance(Duration.ofDays(1));
        sweep();

        assertThat(keys())
                .hasSize(130)
                .allSatisfy(key ->
                        assertThat(Integer.parseInt(key.substring(5)) % 10).isZero());
    }

    private void table(boolean ttl) {
        ddb.createTable(TABLE, null);
        ddb.client()
                .updateTable(b -> b.tableName(TABLE)
                        .streamSpecification(
                                spec -> spec.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        if (ttl) {
            enableTtl(true);
        }
    }

    private void enableTtl(boolean enabled) {
        ddb.client()
                .updateTimeToLive(b -> b.tableName(TABLE)
                        .timeToLiveSpecification(t -> t.enabled(enabled).attributeName("ttl")));
    }

    private void put(String key, AttributeValue ttl) {
        Map<String, AttributeValue> item = ttl == null ? item("pk", key) : item("pk", key, "ttl", ttl);
        ddb.client().putItem(b -> b.tableName(TABLE).item(item));
    }

    private void sweep() {
        ddb.emulator().runMaintenanceNow();
    }

    private List<String> keys() {
        return strings(ddb.client().scan(b -> b.tableName(TABLE)).items(), "pk");
    }

    private List<Record> streamRecords() {
        String arn = ddb.client().describeTable(b -> b.tableName(TABLE)).table().latestStreamArn();
        String shard = ddb.streams()
                .describeStream(b -> b.streamArn(arn))
                .streamDescription()
                .shards()
                .getFirst()
                .shardId();
        String iterator = ddb.streams()
                .getShardIterator(
                        b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        return ddb.streams().getRecords(b -> b.shardIterator(iterator)).records();
    }
}
