package dev.statebacked.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link ItemStore}, checked against whichever store a subclass provides: the in-memory one of
 * unit tests, the embedded DynamoDB emulator, or LocalStack in a container where a Docker engine exists. Every
 * test writes under partitions of its own, so a subclass may share one table between the tests.
 */
public abstract class ItemStoreContract {
    /** DynamoDB's limit on one item: names and values of all its attributes. */
    private static final int MAX_ITEM_BYTES = 400 * 1024;
    /** DynamoDB's limit on the writes of one transaction. */
    private static final int MAX_TRANSACTION_WRITES = 100;

    /** The store under test; called many times (from several threads at once), each call sees the same items. */
    protected abstract ItemStore store();

    private static String unique(String name) {
        return name + "#" + System.nanoTime();
    }

    // ---------------------------------------------------------------- single writes: each kind's condition

    @Test
    void anAbsentItemReadsAsEmpty() {
        assertThat(store().get(new ItemKey(unique("nothing"), "item"))).isEmpty();
    }

    @Test
    void anItemReadsBackAsItWasWrittenWithItsAttributes() {
        ItemKey key = new ItemKey(unique("roundtrip"), "item");
        StoredItem item =
                new StoredItem(key, 42, "{\"name\":\"é ✓ \uD83D\uDE00\"}", Map.of("gsi1pk", "org#1", "status", "done"));
        store().write(new Write.Put(item));

        assertThat(store().get(key)).hasValue(item);
    }

    @Test
    void aPutReplacesWhateverIsStoredWhateverItsSequence() {
        ItemKey key = new ItemKey(unique("put"), "item");
        store().write(new Write.Put(StoredItem.of(key, 5, "{\"v\":1}")));
        store().write(new Write.Put(new StoredItem(key, 3, "{\"v\":2}", Map.of("extra", "x"))));
        store().write(new Write.Put(StoredItem.of(key, 1, "{\"v\":3}")));

        assertThat(store().get(key)).hasValue(StoredItem.of(key, 1, "{\"v\":3}"));
    }

    @Test
    void creatingOverAnExistingItemIsRejectedAndTheExistingOneReported() {
        ItemKey key = new ItemKey(unique("absent"), "item");
        store().write(new Write.PutIfAbsent(StoredItem.of(key, 1, "{}")));

        assertThatThrownBy(() -> store().write(new Write.PutIfAbsent(StoredItem.of(key, 1, "{\"again\":1}"))))
                .isInstanceOfSatisfying(ConflictingWriteException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.current()).hasValue(StoredItem.of(key, 1, "{}"));
                });
        assertThat(store().get(key)).map(StoredItem::body).hasValue("{}");
    }

    @Test
    void aStaleSequenceIsRejectedAndTheCurrentItemReported() {
        ItemKey key = new ItemKey(unique("stale"), "item");
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
    void aSequencedPutOfAnAbsentItemIsRejectedWithNothingCurrent() {
        ItemKey key = new ItemKey(unique("sequenced-absent"), "item");

        assertThatThrownBy(() -> store().write(new Write.PutIfSequence(StoredItem.of(key, 1, "{}"), 0)))
                .isInstanceOfSatisfying(ConflictingWriteException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.current()).isEmpty();
                });
        assertThat(store().get(key)).isEmpty();
    }

    @Test
    void aDeleteRemovesTheItemAndIsANoOpWhereThereIsNone() {
        ItemKey key = new ItemKey(unique("delete"), "item");
        store().write(new Write.Put(StoredItem.of(key, 3, "{}")));

        store().write(new Write.Delete(key));
        assertThat(store().get(key)).isEmpty();

        store().write(new Write.Delete(key));
        assertThat(store().get(key)).isEmpty();
    }

    @Test
    void aSequencedDeleteRemovesOnlyTheItemAtThatSequence() {
        ItemKey key = new ItemKey(unique("delete-sequence"), "item");
        store().write(new Write.Put(StoredItem.of(key, 3, "{\"v\":3}")));

        assertThatThrownBy(() -> store().write(new Write.DeleteIfSequence(key, 2)))
                .isInstanceOfSatisfying(ConflictingWriteException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.current()).hasValue(StoredItem.of(key, 3, "{\"v\":3}"));
                });
        assertThat(store().get(key)).isPresent();

        store().write(new Write.DeleteIfSequence(key, 3));
        assertThat(store().get(key)).isEmpty();

        assertThatThrownBy(() -> store().write(new Write.DeleteIfSequence(key, 3)))
                .as("gone already")
                .isInstanceOfSatisfying(
                        ConflictingWriteException.class,
                        e -> assertThat(e.current()).isEmpty());
    }

    @Test
    void aRequiredSequenceWritesNothingAndFailsUnlessItHolds() {
        ItemKey key = new ItemKey(unique("require"), "item");
        StoredItem item = StoredItem.of(key, 4, "{\"v\":4}");
        store().write(new Write.Put(item));

        store().write(new Write.RequireSequence(key, 4));
        assertThat(store().get(key)).hasValue(item);

        assertThatThrownBy(() -> store().write(new Write.RequireSequence(key, 3)))
                .isInstanceOfSatisfying(ConflictingWriteException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.current()).hasValue(item);
                });
        ItemKey absent = new ItemKey(key.partition(), "absent");
        assertThatThrownBy(() -> store().write(new Write.RequireSequence(absent, 0)))
                .isInstanceOfSatisfying(ConflictingWriteException.class, e -> {
                    assertThat(e.key()).isEqualTo(absent);
                    assertThat(e.current()).isEmpty();
                });
        assertThat(store().get(absent)).isEmpty();
    }

    @Test
    void sixteenConcurrentWritersLoseNoWinner() throws Exception {
        ItemKey key = new ItemKey(unique("race"), "counter");
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
                            store.write(new Write.PutIfSequence(
                                    StoredItem.of(key, current.sequence() + 1, body), current.sequence()));
                            winners.add(writer + "@" + (current.sequence() + 1));
                            current = StoredItem.of(key, current.sequence() + 1, body);
                            won++;
                        } catch (ConflictingWriteException lost) {
                            conflicts.incrementAndGet();
                            current = lost.current().orElseThrow();
                        }
                        Thread.yield();
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
        bySequence.sort(
                (a, b) -> Integer.compare(Integer.parseInt(a.split("@")[1]), Integer.parseInt(b.split("@")[1])));
        assertThat(history)
                .containsExactlyElementsOf(
                        bySequence.stream().map(s -> s.split("@")[0]).toList());
        assertThat(conflicts.get()).as("the writers did race").isPositive();
    }

    @Test
    void anItemOverFourHundredKilobytesIsRefusedAndOneJustUnderIsStored() {
        ItemKey key = new ItemKey(unique("size"), "item");
        String tooLarge = "x".repeat(MAX_ITEM_BYTES);

        assertThatThrownBy(() -> store().write(new Write.Put(StoredItem.of(key, 1, tooLarge))))
                .isInstanceOf(RuntimeException.class)
                .isNotInstanceOf(ConflictingWriteException.class);
        assertThatThrownBy(() -> store().writeAll(List.of(new Write.Put(StoredItem.of(key, 1, tooLarge)))))
                .isInstanceOf(RuntimeException.class)
                .isNotInstanceOf(ConflictingWriteException.class);
        assertThat(store().get(key)).isEmpty();

        String fits = "x".repeat(MAX_ITEM_BYTES - 1024);
        store().write(new Write.Put(StoredItem.of(key, 1, fits)));
        assertThat(store().get(key)).map(StoredItem::body).hasValue(fits);
    }

    // ---------------------------------------------------------------- transactions

    @Test
    void aTransactionAppliesAllWritesOrNone() {
        ItemKey first = new ItemKey(unique("tx"), "a");
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

        store().writeAll(List.of(
                new Write.PutIfAbsent(StoredItem.of(first, 1, "{}")),
                new Write.PutIfSequence(StoredItem.of(second, 6, "{}"), 5)));
        assertThat(store().get(first)).isPresent();
        assertThat(store().get(second)).map(StoredItem::sequence).hasValue(6L);
    }

    @Test
    void aTransactionOfEveryKindOfWriteAppliesEachOne() {
        String partition = unique("tx-kinds");
        ItemKey put = new ItemKey(partition, "put");
        ItemKey created = new ItemKey(partition, "created");
        ItemKey sequenced = new ItemKey(partition, "sequenced");
        ItemKey deleted = new ItemKey(partition, "deleted");
        ItemKey deletedAtSequence = new ItemKey(partition, "deleted-at-sequence");
        ItemKey required = new ItemKey(partition, "required");
        store().writeAll(List.of(
                new Write.Put(StoredItem.of(put, 9, "{\"old\":true}")),
                new Write.Put(StoredItem.of(sequenced, 1, "{}")),
                new Write.Put(StoredItem.of(deleted, 1, "{}")),
                new Write.Put(StoredItem.of(deletedAtSequence, 2, "{}")),
                new Write.Put(StoredItem.of(required, 3, "{\"r\":3}"))));

        store().writeAll(List.of(
                new Write.Put(StoredItem.of(put, 1, "{\"new\":true}")),
                new Write.PutIfAbsent(StoredItem.of(created, 1, "{}")),
                new Write.PutIfSequence(StoredItem.of(sequenced, 2, "{\"v\":2}"), 1),
                new Write.Delete(deleted),
                new Write.DeleteIfSequence(deletedAtSequence, 2),
                new Write.RequireSequence(required, 3)));

        assertThat(store().get(put)).hasValue(StoredItem.of(put, 1, "{\"new\":true}"));
        assertThat(store().get(created)).hasValue(StoredItem.of(created, 1, "{}"));
        assertThat(store().get(sequenced)).hasValue(StoredItem.of(sequenced, 2, "{\"v\":2}"));
        assertThat(store().get(deleted)).isEmpty();
        assertThat(store().get(deletedAtSequence)).isEmpty();
        assertThat(store().get(required)).hasValue(StoredItem.of(required, 3, "{\"r\":3}"));
    }

    @Test
    void aFailedTransactionUndoesItsDeletesAndPutsAndNamesTheWriteThatFailed() {
        String partition = unique("tx-undo");
        ItemKey kept = new ItemKey(partition, "kept");
        ItemKey keptAtSequence = new ItemKey(partition, "kept-at-sequence");
        ItemKey overwritten = new ItemKey(partition, "overwritten");
        ItemKey required = new ItemKey(partition, "required");
        store().writeAll(List.of(
                new Write.Put(StoredItem.of(kept, 1, "{}")),
                new Write.Put(StoredItem.of(keptAtSequence, 2, "{}")),
                new Write.Put(StoredItem.of(overwritten, 1, "{\"v\":1}")),
                new Write.Put(StoredItem.of(required, 7, "{\"r\":7}"))));

        assertThatThrownBy(() -> store().writeAll(List.of(
                        new Write.Delete(kept),
                        new Write.DeleteIfSequence(keptAtSequence, 2),
                        new Write.Put(StoredItem.of(overwritten, 2, "{\"v\":2}")),
                        new Write.RequireSequence(required, 6))))
                .isInstanceOfSatisfying(ConflictingWriteException.class, e -> {
                    assertThat(e.key()).isEqualTo(required);
                    assertThat(e.current()).hasValue(StoredItem.of(required, 7, "{\"r\":7}"));
                });

        assertThat(store().get(kept)).isPresent();
        assertThat(store().get(keptAtSequence)).isPresent();
        assertThat(store().get(overwritten)).map(StoredItem::body).hasValue("{\"v\":1}");
    }

    @Test
    void aTransactionWithSeveralFailingWritesNamesTheFirstOfThem() {
        String partition = unique("tx-first");
        ItemKey fine = new ItemKey(partition, "a-fine");
        ItemKey absent = new ItemKey(partition, "b-absent");
        ItemKey existing = new ItemKey(partition, "c-existing");
        store().write(new Write.Put(StoredItem.of(fine, 1, "{}")));
        store().write(new Write.Put(StoredItem.of(existing, 1, "{}")));

        assertThatThrownBy(() -> store().writeAll(List.of(
                        new Write.RequireSequence(fine, 1),
                        new Write.DeleteIfSequence(absent, 1),
                        new Write.PutIfAbsent(StoredItem.of(existing, 2, "{}")))))
                .isInstanceOfSatisfying(ConflictingWriteException.class, e -> {
                    assertThat(e.key()).isEqualTo(absent);
                    assertThat(e.current()).isEmpty();
                });
        assertThatThrownBy(() -> store().writeAll(List.of(
                        new Write.PutIfAbsent(StoredItem.of(existing, 2, "{}")),
                        new Write.DeleteIfSequence(absent, 1))))
                .isInstanceOfSatisfying(ConflictingWriteException.class, e -> {
                    assertThat(e.key()).isEqualTo(existing);
                    assertThat(e.current()).hasValue(StoredItem.of(existing, 1, "{}"));
                });
    }

    @Test
    void aTransactionOfNoWritesDoesNothing() {
        store().writeAll(List.of());
    }

    @Test
    void aTransactionMayNotWriteOneItemTwice() {
        ItemKey key = new ItemKey(unique("tx-twice"), "item");
        store().write(new Write.Put(StoredItem.of(key, 1, "{}")));

        assertThatThrownBy(() -> store().writeAll(List.of(
                        new Write.RequireSequence(key, 1), new Write.PutIfSequence(StoredItem.of(key, 2, "{}"), 1))))
                .isInstanceOf(RuntimeException.class)
                .isNotInstanceOf(ConflictingWriteException.class);
        assertThat(store().get(key)).map(StoredItem::sequence).hasValue(1L);
    }

    @Test
    void aTransactionHoldsAtMostOneHundredWrites() {
        String partition = unique("tx-size");
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i <= MAX_TRANSACTION_WRITES; i++) {
            writes.add(new Write.Put(StoredItem.of(new ItemKey(partition, "item#" + i), 1, "{}")));
        }

        assertThatThrownBy(() -> store().writeAll(writes))
                .isInstanceOf(RuntimeException.class)
                .isNotInstanceOf(ConflictingWriteException.class);
        assertThat(store().get(new ItemKey(partition, "item#0"))).isEmpty();

        store().writeAll(writes.subList(0, MAX_TRANSACTION_WRITES));
        assertThat(store().query(partition, "", 1000, Optional.empty(), true).items())
                .hasSize(MAX_TRANSACTION_WRITES);
    }

    // ---------------------------------------------------------------- queries

    @Test
    void queriesPageThroughAPartitionInSortOrder() {
        String partition = unique("page");
        for (int i = 0; i < 7; i++) {
            store().write(new Write.Put(StoredItem.of(new ItemKey(partition, "item#" + i), 1, "{}")));
        }
        store().write(new Write.Put(StoredItem.of(new ItemKey(partition, "other"), 1, "{}")));

        assertThat(allPages(partition, "item#", 3, true))
                .containsExactly("item#0", "item#1", "item#2", "item#3", "item#4", "item#5", "item#6");
        assertThat(store().query(partition, "item#", 2, Optional.empty(), false).items())
                .extracting(i -> i.key().sort())
                .containsExactly("item#6", "item#5");
    }

    @Test
    void descendingQueriesPageBackwards() {
        String partition = unique("descending");
        for (int i = 0; i < 7; i++) {
            store().write(new Write.Put(StoredItem.of(new ItemKey(partition, "item#" + i), 1, "{}")));
        }

        assertThat(allPages(partition, "item#", 3, false))
                .containsExactly("item#6", "item#5", "item#4", "item#3", "item#2", "item#1", "item#0");
        assertThat(allPages(partition, "item#", 7, false)).hasSize(7);
        assertThat(allPages(partition, "item#", 1, false)).hasSize(7);
    }

    @Test
    void aQueryTakesOnlyItsPartitionAndTheSortKeysThatStartWithItsPrefix() {
        String partition = unique("prefix");
        for (String sort : List.of("item#1", "item#10", "item#2", "item", "items", "itel", "iten", "a", "z")) {
            store().write(new Write.Put(StoredItem.of(new ItemKey(partition, sort), 1, "{}")));
        }
        store().write(new Write.Put(StoredItem.of(new ItemKey(partition + "x", "item#3"), 1, "{}")));
        store().write(new Write.Put(StoredItem.of(
                new ItemKey(partition.substring(0, partition.length() - 1), "item#4"), 1, "{}")));

        assertThat(allPages(partition, "item#", 2, true)).containsExactly("item#1", "item#10", "item#2");
        assertThat(allPages(partition, "item#1", 10, true)).containsExactly("item#1", "item#10");
        assertThat(allPages(partition, "item", 10, true))
                .containsExactly("item", "item#1", "item#10", "item#2", "items");
        assertThat(allPages(partition, "", 4, true))
                .containsExactly("a", "itel", "item", "item#1", "item#10", "item#2", "items", "iten", "z");
        assertThat(allPages(partition, "nothing", 10, true)).isEmpty();
        assertThat(store().query(unique("empty"), "", 10, Optional.empty(), true))
                .isEqualTo(new Page(List.of(), Optional.empty()));
    }

    @Test
    void aQueryReturnsTheStoredItemsWhole() {
        String partition = unique("whole");
        StoredItem item = new StoredItem(new ItemKey(partition, "item#1"), 12, "{\"a\":[1,2]}", Map.of("extra", "x"));
        store().write(new Write.Put(item));

        assertThat(store().query(partition, "item#", 10, Optional.empty(), true).items())
                .containsExactly(item);
    }

    @Test
    void sortKeysAreOrderedByTheirCodePointsNotTheirUtf16Units() {
        String partition = unique("order");
        // U+FF21 sorts before U+1F600 in UTF-8 (DynamoDB's byte order), after it in UTF-16 (String.compareTo)
        List<String> inOrder = List.of("k#A", "k#B", "k#a", "k#é", "k#\uFF21", "k#\uD83D\uDE00");
        for (String sort : inOrder.reversed()) {
            store().write(new Write.Put(StoredItem.of(new ItemKey(partition, sort), 1, "{}")));
        }

        assertThat(allPages(partition, "k#", 2, true)).containsExactlyElementsOf(inOrder);
        assertThat(allPages(partition, "k#", 2, false)).containsExactlyElementsOf(inOrder.reversed());
    }

    @Test
    void aPageIsNeverLongerThanItsLimitAndOneShorterIsTheLast() {
        String partition = unique("limit");
        for (int i = 0; i < 5; i++) {
            store().write(new Write.Put(StoredItem.of(new ItemKey(partition, "item#" + i), 1, "{}")));
        }

        Page first = store().query(partition, "item#", 2, Optional.empty(), true);
        assertThat(first.items()).hasSize(2);
        assertThat(first.cursor()).as("more follow").isPresent();
        Page all = store().query(partition, "item#", 6, Optional.empty(), true);
        assertThat(all.items()).hasSize(5);
        assertThat(all.cursor()).isEmpty();
        // a full page may carry a cursor though nothing follows it (DynamoDB's does): the next page is then empty
        Page exactly = store().query(partition, "item#", 5, Optional.empty(), true);
        assertThat(exactly.items()).hasSize(5);
        exactly.cursor()
                .ifPresent(cursor -> assertThat(store().query(partition, "item#", 5, Optional.of(cursor), true))
                        .isEqualTo(new Page(List.of(), Optional.empty())));
    }

    @Test
    void aCursorContinuesAfterItsItemEvenWhenThatItemIsGoneOrOthersArrived() {
        String partition = unique("continue");
        for (int i = 0; i < 6; i++) {
            store().write(new Write.Put(StoredItem.of(new ItemKey(partition, "item#" + i), 1, "{}")));
        }
        Page first = store().query(partition, "item#", 2, Optional.empty(), true);
        store().write(new Write.Delete(new ItemKey(partition, "item#1")));
        store().write(new Write.Put(StoredItem.of(new ItemKey(partition, "item#0a"), 1, "{}")));
        store().write(new Write.Put(StoredItem.of(new ItemKey(partition, "item#1a"), 1, "{}")));

        Page second = store().query(partition, "item#", 2, first.cursor(), true);
        assertThat(second.items()).extracting(i -> i.key().sort()).containsExactly("item#1a", "item#2");
    }

    @Test
    void aCursorThatTheListingDidNotHandOutIsRefused() {
        String partition = unique("cursor");
        for (int i = 0; i < 3; i++) {
            store().write(new Write.Put(StoredItem.of(new ItemKey(partition, "item#" + i), 1, "{}")));
            store().write(new Write.Put(StoredItem.of(new ItemKey(partition, "other#" + i), 1, "{}")));
        }
        String itemCursor = store().query(partition, "item#", 1, Optional.empty(), true)
                .cursor()
                .orElseThrow();

        assertThatThrownBy(() -> store().query(partition, "other#", 1, Optional.of(itemCursor), true))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> store().query(partition, "item#", 1, Optional.of("not a cursor!"), true))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> store().query(partition, "item#", 1, Optional.of(""), true))
                .isInstanceOf(InvalidCursorException.class);
        String foreign = Base64.getUrlEncoder().withoutPadding().encodeToString("x".getBytes());
        assertThatThrownBy(() -> store().query(partition, "item#", 1, Optional.of(foreign), true))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void aRangeQueryTakesTheSortKeysOnItsSideOfTheBoundInEitherDirection() {
        String partition = unique("range");
        for (String sort : List.of("a", "b", "b\u0000x", "ba", "c", "d")) {
            store().write(new Write.Put(StoredItem.of(new ItemKey(partition, sort), 1, "{}")));
        }
        store().write(new Write.Put(StoredItem.of(new ItemKey(partition + "x", "a"), 1, "{}")));

        assertThat(allRangePages(partition, SortKeyCondition.below("b\u0000y"), 2, true))
                .containsExactly("a", "b", "b\u0000x");
        assertThat(allRangePages(partition, SortKeyCondition.below("b"), 2, false))
                .containsExactly("a");
        assertThat(allRangePages(partition, SortKeyCondition.atOrAbove("b\u0001"), 2, true))
                .containsExactly("ba", "c", "d");
        assertThat(allRangePages(partition, SortKeyCondition.atOrAbove("b"), 1, false))
                .containsExactly("d", "c", "ba", "b\u0000x", "b");
        assertThat(allRangePages(partition, new SortKeyCondition(SortKeyCondition.Comparison.GREATER, "c"), 5, true))
                .containsExactly("d");
        assertThat(allRangePages(
                        partition, new SortKeyCondition(SortKeyCondition.Comparison.LESS_OR_EQUAL, "b"), 5, true))
                .containsExactly("a", "b");
    }

    @Test
    void aRangeQueryRefusesACursorOutsideItsRange() {
        String partition = unique("range-cursor");
        for (String sort : List.of("a", "b", "c", "d")) {
            store().write(new Write.Put(StoredItem.of(new ItemKey(partition, sort), 1, "{}")));
        }
        String low = store().queryRange(partition, SortKeyCondition.below("c"), 1, Optional.empty(), true)
                .cursor()
                .orElseThrow();

        assertThat(store().queryRange(partition, SortKeyCondition.below("c"), 5, Optional.of(low), true)
                        .items())
                .extracting(i -> i.key().sort())
                .containsExactly("b");
        assertThatThrownBy(
                        () -> store().queryRange(partition, SortKeyCondition.atOrAbove("c"), 1, Optional.of(low), true))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> store().queryRange(
                                partition, SortKeyCondition.atOrAbove("c"), 1, Optional.of("not a cursor!"), true))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void aQueryOfFewerThanOneItemIsRefused() {
        assertThatThrownBy(() -> store().query(unique("zero"), "", 0, Optional.empty(), true))
                .isInstanceOf(RuntimeException.class);
    }

    // ---------------------------------------------------------------- expiring items

    @Test
    void anExpiringItemCarriesItsExpiryInEpochSeconds() {
        ItemKey key = new ItemKey(unique("expiring"), "item");
        Instant at = Instant.parse("2030-01-30T10:00:00.750Z");
        store().write(new Write.PutIfAbsent(StoredItem.of(key, 1, "{}").expiringAt(at)));

        assertThat(store().get(key))
                .map(item -> item.attributes().get("ttl"))
                .hasValue(Long.toString(at.getEpochSecond()));
        assertThat(store().query(key.partition(), "", 10, Optional.empty(), true)
                        .items())
                .extracting(item -> item.attributes().get("ttl"))
                .containsExactly(Long.toString(at.getEpochSecond()));
    }

    @Test
    void anItemPastItsExpiryIsStillReadUntilTheStoreGetsRoundToDeletingIt() {
        // DynamoDB deletes expired items some time (up to days) later; until then reads return them
        ItemKey key = new ItemKey(unique("expired"), "item");
        StoredItem expired =
                StoredItem.of(key, 1, "{}").expiringAt(Instant.now().minusSeconds(3600));
        store().write(new Write.Put(expired));

        assertThat(store().get(key)).hasValue(expired);
        store().write(new Write.PutIfSequence(StoredItem.of(key, 2, "{}"), 1));
        assertThat(store().get(key)).map(StoredItem::attributes).hasValue(Map.of());
    }

    /** The sort keys of every page of a range query, following cursors (at most 100 pages). */
    private List<String> allRangePages(String partition, SortKeyCondition condition, int limit, boolean ascending) {
        return allPagesOf(
                partition, limit, cursor -> store().queryRange(partition, condition, limit, cursor, ascending));
    }

    private List<String> allPages(String partition, String prefix, int limit, boolean ascending) {
        return allPagesOf(partition, limit, cursor -> store().query(partition, prefix, limit, cursor, ascending));
    }

    /** The sort keys of every page {@code query} answers for a cursor, following cursors (at most 100 pages). */
    private static List<String> allPagesOf(
            String partition, int limit, java.util.function.Function<Optional<String>, Page> query) {
        List<String> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page page = query.apply(cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            page.items().forEach(item -> {
                assertThat(item.key().partition()).isEqualTo(partition);
                seen.add(item.key().sort());
            });
            cursor = page.cursor();
            pages++;
        } while (cursor.isPresent() && pages < 100);
        assertThat(cursor).as("paging ends").isEmpty();
        return seen;
    }
}
