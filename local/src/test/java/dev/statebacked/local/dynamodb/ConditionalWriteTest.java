package dev.statebacked.local.dynamodb;

import static dev.statebacked.local.dynamodb.EmulatorExtension.item;
import static dev.statebacked.local.dynamodb.EmulatorExtension.n;
import static dev.statebacked.local.dynamodb.EmulatorExtension.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

class ConditionalWriteTest {
    @RegisterExtension
    final EmulatorExtension ddb = new EmulatorExtension();

    @Test
    void conditionalPutWithSequenceNumberRejectsStaleWritersAndLosesNoWinner() throws Exception {
        ddb.createTable("machines", null);
        ddb.client()
                .putItem(b -> b.tableName("machines")
                        .item(item("pk", "m1", "seq", 0, "history", AttributeValue.fromL(List.of()))));
        int writers = 16, attemptsPerWriter = 25;
        List<String> wins = Collections.synchronizedList(new ArrayList<>());
        List<Integer> rejections = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String writer = "w" + w;
            futures.add(pool.submit(() -> {
                for (int attempt = 0; attempt < attemptsPerWriter; attempt++) {
                    var current = ddb.client()
                            .getItem(b -> b.tableName("machines")
                                    .key(item("pk", "m1"))
                                    .consistentRead(true))
                            .item();
                    long seq = Long.parseLong(current.get("seq").n());
                    List<AttributeValue> history =
                            new ArrayList<>(current.get("history").l());
                    String entry = writer + "@" + (seq + 1);
                    history.add(s(entry));
                    try {
                        ddb.client()
                                .putItem(b -> b.tableName("machines")
                                        .item(item(
                                                "pk", "m1", "seq", seq + 1, "history", AttributeValue.fromL(history)))
                                        .conditionExpression("#seq = :expected")
                                        .expressionAttributeNames(Map.of("#seq", "seq"))
                                        .expressionAttributeValues(Map.of(":expected", n(seq))));
                        wins.add(entry);
                    } catch (ConditionalCheckFailedException stale) {
                        rejections.add(1);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        var last = ddb.client()
                .getItem(b -> b.tableName("machines").key(item("pk", "m1")))
                .item();
        List<String> history =
                last.get("history").l().stream().map(AttributeValue::s).toList();
        assertThat(wins.size() + rejections.size()).isEqualTo(writers * attemptsPerWriter);
        assertThat(rejections).isNotEmpty(); // 16 writers racing on one item must collide
        assertThat(Long.parseLong(last.get("seq").n())).isEqualTo(wins.size());
        // Every acknowledged write is in the history exactly once, in sequence order: no winner was lost.
        assertThat(history).containsExactlyInAnyOrderElementsOf(wins);
        for (int i = 0; i < history.size(); i++) assertThat(history.get(i)).endsWith("@" + (i + 1));
    }

    @Test
    void failedConditionReturnsTheCurrentItemWhenAskedFor() {
        ddb.createTable("things", null);
        ddb.client().putItem(b -> b.tableName("things").item(item("pk", "a", "v", 1)));
        assertThatThrownBy(() -> ddb.client()
                        .putItem(b -> b.tableName("things")
                                .item(item("pk", "a", "v", 2))
                                .conditionExpression("attribute_not_exists(pk)")
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.item()).isEqualTo(item("pk", "a", "v", 1));
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThatThrownBy(() -> ddb.client()
                        .deleteItem(b -> b.tableName("things")
                                .key(item("pk", "a"))
                                .conditionExpression("v > :v")
                                .expressionAttributeValues(Map.of(":v", n(5)))))
                .isInstanceOfSatisfying(
                        ConditionalCheckFailedException.class,
                        e -> assertThat(e.hasItem()).isFalse());
    }

    @Test
    void aRejectedFirstWriteLeavesTheTableUsable() {
        ddb.createTable("fresh", null);
        assertThatThrownBy(() -> ddb.client()
                        .updateItem(b -> b.tableName("fresh")
                                .key(item("pk", "a"))
                                .updateExpression("SET v = :v")
                                .conditionExpression("attribute_exists(pk)")
                                .expressionAttributeValues(Map.of(":v", n(1)))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThatThrownBy(() -> ddb.client()
                        .updateItem(b -> b.tableName("fresh")
                                .key(item("pk", "a"))
                                .updateExpression("ADD v :v")
                                .expressionAttributeValues(Map.of(":v", s("not a number")))))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class);
        ddb.client().putItem(b -> b.tableName("fresh").item(item("pk", "a", "v", 2)));
        assertThat(ddb.client()
                        .getItem(b -> b.tableName("fresh").key(item("pk", "a")))
                        .item())
                .isEqualTo(item("pk", "a", "v", 2));
    }

    @Test
    void putAndDeleteReturnTheOldItem() {
        ddb.createTable("things", null);
        var first = ddb.client()
                .putItem(
                        b -> b.tableName("things").item(item("pk", "a", "v", 1)).returnValues(ReturnValue.ALL_OLD));
        assertThat(first.attributes()).isEmpty();
        var second = ddb.client()
                .putItem(
                        b -> b.tableName("things").item(item("pk", "a", "v", 2)).returnValues(ReturnValue.ALL_OLD));
        assertThat(second.attributes()).isEqualTo(item("pk", "a", "v", 1));
        var deleted = ddb.client()
                .deleteItem(b -> b.tableName("things").key(item("pk", "a")).returnValues(ReturnValue.ALL_OLD));
        assertThat(deleted.attributes()).isEqualTo(item("pk", "a", "v", 2));
        assertThat(ddb.client()
                        .getItem(b -> b.tableName("things").key(item("pk", "a")))
                        .hasItem())
                .isFalse();
    }
}
