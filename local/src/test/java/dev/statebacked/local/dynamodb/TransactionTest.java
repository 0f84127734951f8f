package dev.statebacked.local.dynamodb;

import static dev.statebacked.local.dynamodb.EmulatorExtension.item;
import static dev.statebacked.local.dynamodb.EmulatorExtension.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class TransactionTest {
    @RegisterExtension
    final EmulatorExtension ddb = new EmulatorExtension();

    @Test
    void transactWriteItemsIsAllOrNothingAndReportsCancellationReasons() {
        ddb.createTable("accounts", null);
        ddb.createTable("audit", null);
        ddb.client().putItem(b -> b.tableName("accounts").item(item("pk", "alice", "balance", 100)));
        ddb.client().putItem(b -> b.tableName("accounts").item(item("pk", "bob", "balance", 5)));

        TransactWriteItem debitBob = TransactWriteItem.builder()
                .update(u -> u.tableName("accounts")
                        .key(item("pk", "bob"))
                        .updateExpression("SET balance = balance - :amount")
                        .conditionExpression("balance >= :amount")
                        .expressionAttributeValues(Map.of(":amount", n(50)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                .build();
        TransactWriteItem creditAlice = TransactWriteItem.builder()
                .update(u -> u.tableName("accounts")
                        .key(item("pk", "alice"))
                        .updateExpression("ADD balance :amount")
                        .expressionAttributeValues(Map.of(":amount", n(50))))
                .build();
        TransactWriteItem log = TransactWriteItem.builder()
                .put(p -> p.tableName("audit")
                        .item(item("pk", "t1", "what", "transfer"))
                        .conditionExpression("attribute_not_exists(pk)"))
                .build();

        assertThatThrownBy(() -> ddb.client().transactWriteItems(b -> b.transactItems(creditAlice, debitBob, log)))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.cancellationReasons())
                            .extracting(CancellationReason::code)
                            .containsExactly("None", "ConditionalCheckFailed", "None");
                    assertThat(e.cancellationReasons().get(1).item()).isEqualTo(item("pk", "bob", "balance", 5));
                    assertThat(e.getMessage()).contains("[None, ConditionalCheckFailed, None]");
                });
        // Nothing of the cancelled transaction is visible.
        assertThat(balance("alice")).isEqualTo("100");
        assertThat(balance("bob")).isEqualTo("5");
        assertThat(ddb.client()
                        .getItem(b -> b.tableName("audit").key(item("pk", "t1")))
                        .hasItem())
                .isFalse();

        TransactWriteItem debitAlice = TransactWriteItem.builder()
                .update(u -> u.tableName("accounts")
                        .key(item("pk", "alice"))
                        .updateExpression("SET balance = balance - :amount")
                        .conditionExpression("balance >= :amount")
                        .expressionAttributeValues(Map.of(":amount", n(30))))
                .build();
        TransactWriteItem creditBob = TransactWriteItem.builder()
                .update(u -> u.tableName("accounts")
                        .key(item("pk", "bob"))
                        .updateExpression("ADD balance :amount")
                        .expressionAttributeValues(Map.of(":amount", n(30))))
                .build();
        TransactWriteItem auditExists = TransactWriteItem.builder()
                .conditionCheck(
                        c -> c.tableName("audit").key(item("pk", "t1")).conditionExpression("attribute_not_exists(pk)"))
                .build();
        ddb.client().transactWriteItems(b -> b.transactItems(debitAlice, creditBob, auditExists));
        assertThat(balance("alice")).isEqualTo("70");
        assertThat(balance("bob")).isEqualTo("35");

        var read = ddb.client()
                .transactGetItems(b -> b.transactItems(
                        TransactGetItem.builder()
                                .get(g -> g.tableName("accounts").key(item("pk", "alice")))
                                .build(),
                        TransactGetItem.builder()
                                .get(g -> g.tableName("audit").key(item("pk", "t1")))
                                .build()));
        assertThat(read.responses().get(0).item()).isEqualTo(item("pk", "alice", "balance", 70));
        assertThat(read.responses().get(1).hasItem()).isFalse();
    }

    @Test
    void concurrentTransfersNeverTearAndTransactGetAlwaysSeesTheSameTotal() throws Exception {
        ddb.createTable("accounts", null);
        int accounts = 4, threads = 8, transfersPerThread = 20;
        for (int i = 0; i < accounts; i++) {
            int a = i;
            ddb.client().putItem(b -> b.tableName("accounts").item(item("pk", "acct" + a, "balance", 100)));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads + 1);
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        var snapshotTotals = java.util.Collections.synchronizedList(new java.util.ArrayList<Long>());
        var reader = pool.submit(() -> {
            while (running.get()) {
                var gets = new java.util.ArrayList<TransactGetItem>();
                for (int i = 0; i < accounts; i++) {
                    int a = i;
                    gets.add(TransactGetItem.builder()
                            .get(g -> g.tableName("accounts").key(item("pk", "acct" + a)))
                            .build());
                }
                var read = ddb.client().transactGetItems(b -> b.transactItems(gets));
                snapshotTotals.add(read.responses().stream()
                        .mapToLong(r -> Long.parseLong(r.item().get("balance").n()))
                        .sum());
            }
            return null;
        });
        var writers = new java.util.ArrayList<java.util.concurrent.Future<?>>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            writers.add(pool.submit(() -> {
                var random = new java.util.Random(seed);
                for (int i = 0; i < transfersPerThread; i++) {
                    int from = random.nextInt(accounts), to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                    int amount = 1 + random.nextInt(30);
                    try {
                        ddb.client()
                                .transactWriteItems(b -> b.transactItems(
                                        TransactWriteItem.builder()
                                                .update(u -> u.tableName("accounts")
                                                        .key(item("pk", "acct" + from))
                                                        .updateExpression("SET balance = balance - :a")
                                                        .conditionExpression("balance >= :a")
                                                        .expressionAttributeValues(Map.of(":a", n(amount))))
                                                .build(),
                                        TransactWriteItem.builder()
                                                .update(u -> u.tableName("accounts")
                                                        .key(item("pk", "acct" + to))
                                                        .updateExpression("ADD balance :a")
                                                        .expressionAttributeValues(Map.of(":a", n(amount))))
                                                .build()));
                    } catch (TransactionCanceledException insufficientFunds) {
                        // expected now and then: the condition protects against overdrafts
                    }
                }
                return null;
            }));
        }
        for (var w : writers) w.get(60, java.util.concurrent.TimeUnit.SECONDS);
        running.set(false);
        reader.get(60, java.util.concurrent.TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(snapshotTotals).isNotEmpty().allMatch(total -> total == accounts * 100L);
        long total = 0;
        for (int i = 0; i < accounts; i++) {
            long balance = Long.parseLong(balanceOf("acct" + i));
            assertThat(balance).isNotNegative();
            total += balance;
        }
        assertThat(total).isEqualTo(accounts * 100L);
    }

    @Test
    void transactionTouchingOneItemTwiceIsRejected() {
        ddb.createTable("things", null);
        TransactWriteItem put = TransactWriteItem.builder()
                .put(p -> p.tableName("things").item(item("pk", "a")))
                .build();
        TransactWriteItem delete = TransactWriteItem.builder()
                .delete(d -> d.tableName("things").key(item("pk", "a")))
                .build();
        assertThatThrownBy(() -> ddb.client().transactWriteItems(b -> b.transactItems(put, delete)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("multiple operations on one item");
    }

    private String balance(String account) {
        return balanceOf(account);
    }

    private String balanceOf(String account) {
        return ddb.client()
                .getItem(b -> b.tableName("accounts").key(item("pk", account)))
                .item()
                .get("balance")
                .n();
    }
}
