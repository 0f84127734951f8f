package dev.statebacked.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * The store's promises, checked against whichever DynamoDB a subclass provides (the embedded emulator,
 * or LocalStack in a container where a Docker engine exists).
 */
abstract class ItemStoreContract {
    static final String TABLE = "ItemStoreContract";

    abstract DynamoDbClient dynamoDb();

    ItemStore store() {
        return new DynamoItemStore(dynamoDb(), TABLE);
    }

    static void createTable(DynamoDbClient dynamoDb) {
        try {
            dynamoDb.createTable(b -> b.tableName(TABLE)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"),
                            a -> a.attributeName("sk").attributeType("S"))
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE"))
                    .billingMode("PAY_PER_REQUEST"));
        } catch (ResourceInUseException exists) {
            // created by an earlier test of the class
        }
    }

    @Test
    void aStaleSequenceIsRejectedAndTheCurrentItemReported() {
        ItemKey key = new ItemKey("stale#" + System.nanoTime(), "item");
        store().write(new Write.PutIfAbsent(StoredItem.of(key, 1, "{\"v\":1}")));
        store().write(new Write.PutIfSequence(StoredItem.of(key, 2, "{\"v\":2}"), 1));

        assertThatThrownBy(() -> store().write(new Write.PutIfSequence(StoredItem.of(key, 2, "{\"v\":\"late\"}"), 1)))
                .isInstanceOfSatisfying(ConflictingWriteException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.current()).map(StoredItem::sequence).hasValue(2L);
                    assertThat(e.current()).map(StoredItem::body).hasValue("{\"v\":2}");
                });
        assertThat(store().get(key)).map(StoredItem::body).hasValue("{\"v\":2}");
    }

    @Test
    void creatingOverAnExistingItemIsRejected() {
        ItemKey key = new ItemKey("absent#" + System.nanoTime(), "item");
        store().write(new Write.PutIfAbsent(StoredItem.of(key, 1, "{}")));

        assertThatThrownBy(() -> store().write(new Write.PutIfAbsent(StoredItem.of(key, 1, "{\"again\":1}"))))
                .isInstanceOf(ConflictingWriteException.class);
    }

    @Test
    void sixteenConcurrentWritersLoseNoWinner() throws Exception {
        ItemKey key = new ItemKey("race#" + System.nanoTime(), "counter");
        store().write(new Write.PutIfAbsent(StoredItem.of(key, 0, "")));
        int writers = 16;
        int winsEach = 10;
        List<String> winners = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String writer = "w" + w;
                futures.add(pool.submit(() -> {
                    ItemStore store = store();
                    StoredItem current = store.get(key).orElseThrow();
                    for (int won = 0; won < winsEach; ) {
                        String body = current.body().isEmpty() ? writer : current.body() + "," + writer;
                        try {
                            store.write(new Write.PutIfSequence(StoredItem.of(key, current.sequence() + 1, body),
                                    current.sequence()));
                            winners.add(writer + "@" + (current.sequence() + 1));
                            current = StoredItem.of(key, current.sequence() + 1, body);
                            won++;
                        } catch (ConflictingWriteException lost) {
                            conflicts.incrementAndGet();
                            current = lost.current().orElseThrow();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        StoredItem last = store().get(key).orElseThrow();
        assertThat(last.sequence()).isEqualTo(writers * winsEach);
        // the body is the history of winners: every accepted write is in it, once, in sequence order
        List<String> history = List.of(last.body().split(","));
        assertThat(history).hasSize(writers * winsEach);
        List<String> bySequence = new ArrayList<>(winners);
        bySequence.sort((a, b) -> Integer.compare(Integer.parseInt(a.split("@")[1]), Integer.parseInt(b.split("@")[1])));
        assertThat(history).containsExactlyElementsOf(bySequence.stream().map(s -> s.split("@")[0]).toList());
        assertThat(conflicts.get()).as("the writers did race").isPositive();
    }

    @Test
    void aTransactionAppliesAllWritesOrNone() {
        ItemKey first = new ItemKey("tx#" + System.nanoTime(), "a");
        ItemKey second = new ItemKey(first.partition(), "b");
        store().write(new Write.PutIfAbsent(StoredItem.of(second, 5, "{}")));

        assertThatThrownBy(() -> store().writeAll(List.of(
                new Write.PutIfAbsent(StoredItem.of(first, 1, "{}")),
                new Write.PutIfSequence(StoredItem.of(second, 7, "{}"), 6))))
                .isInstanceOfSatisfying(ConflictingWriteException.class, e -> {
                    assertThat(e.key()).isEqualTo(second);
                    assertThat(e.current()).map(StoredItem::sequence).hasValue(5L);
                });
        assertThat(store().get(first)).isEmpty();

        store().writeAll(List.of(new Write.PutIfAbsent(StoredItem.of(first, 1, "{}")),
                new Write.PutIfSequence(StoredItem.of(second, 6, "{}"), 5)));
        assertThat(store().get(first)).isPresent();
        assertThat(store().get(second)).map(StoredItem::sequence).hasValue(6L);
    }

    @Test
    void queriesPageThroughAPartitionInSortOrder() {
        String partition = "page#" + System.nanoTime();
        for (int i = 0; i < 7; i++) {
            store().write(new Write.Put(StoredItem.of(new ItemKey(partition, "item#" + i), 1, "{}")));
        }
        store().write(new Write.Put(StoredItem.of(new ItemKey(partition, "other"), 1, "{}")));

        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page page = store().query(partition, "item#", 3, cursor, true);
            page.items().forEach(i -> seen.add(i.key().sort()));
            cursor = page.cursor();
            pages++;
        } while (cursor.isPresent() && pages < 10);

        assertThat(seen).containsExactly("item#0", "item#1", "item#2", "item#3", "item#4", "item#5", "item#6");
        assertThat(store().query(partition, "item#", 2, Optional.empty(), false).items())
                .extracting(i -> i.key().sort()).containsExactly("item#6", "item#5");
    }

    @Test
    void anExpiringItemCarriesItsTimeToLiveAsANumberOfEpochSeconds() {
        ItemKey key = new ItemKey("expiring#" + System.nanoTime(), "item");
        Instant at = Instant.parse("2030-01-30T10:00:00Z");
        store().write(new Write.PutIfAbsent(StoredItem.of(key, 1, "{}").expiringAt(at)));

        // DynamoDB's TTL reads a Number attribute only: a String one would keep the item forever
        AttributeValue stored = dynamoDb().getItem(b -> b.tableName(TABLE)
                .key(Map.of("pk", AttributeValue.fromS(key.partition()), "sk", AttributeValue.fromS(key.sort()))))
                .item().get("ttl");
        assertThat(stored.n()).isEqualTo(Long.toString(at.getEpochSecond()));
        assertThat(store().get(key)).map(item -> item.attributes().get("ttl")).hasValue(Long.toString(at.getEpochSecond()));
    }
}
