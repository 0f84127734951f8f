package dev.statebacked.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store contract on {@link InMemoryItemStore}, and what the in-memory store offers tests besides. */
class InMemoryItemStoreTest extends ItemStoreContract {
    private final InMemoryItemStore store = new InMemoryItemStore();

    @Override
    protected ItemStore store() {
        return store;
    }

    @Test
    void expiredItemsStayUntilTheyAreRemoved() {
        Instant now = Instant.parse("2030-01-30T10:00:00Z");
        ItemKey expired = new ItemKey("p", "expired");
        ItemKey expiringNow = new ItemKey("p", "expiring-now");
        ItemKey later = new ItemKey("p", "later");
        ItemKey forever = new ItemKey("p", "forever");
        store.write(new Write.Put(StoredItem.of(expired, 1, "{}").expiringAt(now.minusSeconds(60))));
        store.write(new Write.Put(StoredItem.of(expiringNow, 1, "{}").expiringAt(now)));
        store.write(new Write.Put(StoredItem.of(later, 1, "{}").expiringAt(now.plusSeconds(1))));
        store.write(new Write.Put(StoredItem.of(forever, 1, "{}")));

        assertThat(store.get(expired)).isPresent();
        assertThat(store.removeExpired(now)).isEqualTo(2);

        assertThat(store.items()).extracting(StoredItem::key).containsExactly(forever, later);
    }

    @Test
    void itemsListsEverythingByPartitionAndSortKey() {
        store.write(new Write.Put(StoredItem.of(new ItemKey("b", "2"), 1, "{}")));
        store.write(new Write.Put(StoredItem.of(new ItemKey("a", "9"), 1, "{}")));
        store.write(new Write.Put(StoredItem.of(new ItemKey("b", "1"), 1, "{}")));

        assertThat(store.items())
                .extracting(StoredItem::key)
                .containsExactly(new ItemKey("a", "9"), new ItemKey("b", "1"), new ItemKey("b", "2"));
        assertThat(store.items("b")).extracting(i -> i.key().sort()).containsExactly("1", "2");
        assertThat(store.items("c")).isEmpty();
    }

    @Test
    void aWriterThatGetsInJustBeforeTheNextWriteMakesItConflict() {
        ItemKey key = new ItemKey("p", "item");
        store.write(new Write.Put(StoredItem.of(key, 1, "{\"mine\":false}")));
        List<List<Write>> seen = new ArrayList<>();
        store.beforeNextWrite(writes -> {
            seen.add(writes);
            store.write(new Write.PutIfSequence(StoredItem.of(key, 2, "{\"theirs\":true}"), 1));
        });

        Write mine = new Write.PutIfSequence(StoredItem.of(key, 2, "{\"mine\":true}"), 1);
        assertThatThrownBy(() -> store.writeAll(List.of(mine)))
                .isInstanceOfSatisfying(
                        ConflictingWriteException.class,
                        e -> assertThat(e.current()).map(StoredItem::body).hasValue("{\"theirs\":true}"));
        assertThat(seen).containsExactly(List.of(mine));

        store.write(new Write.PutIfSequence(StoredItem.of(key, 3, "{\"mine\":true}"), 2));
        assertThat(store.get(key)).map(StoredItem::sequence).hasValue(3L);
    }

    @Test
    void aStoreThatFailsBeforeTheWriteWritesNothing() {
        ItemKey key = new ItemKey("p", "item");
        store.beforeNextWrite(writes -> {
            throw new IllegalStateException("the store is down");
        });

        assertThatThrownBy(() -> store.write(new Write.Put(StoredItem.of(key, 1, "{}"))))
                .hasMessage("the store is down");
        assertThat(store.get(key)).isEmpty();
    }

    @Test
    void aWriterThatDiesAfterItsWriteLeavesTheWriteInPlace() {
        ItemKey key = new ItemKey("p", "item");
        store.afterNextWrite(writes -> {
            throw new IllegalStateException("crashed after the write");
        });

        assertThatThrownBy(() -> store.writeAll(List.of(new Write.PutIfAbsent(StoredItem.of(key, 1, "{}")))))
                .hasMessage("crashed after the write");
        assertThat(store.get(key)).isPresent();
        store.write(new Write.Put(StoredItem.of(key, 2, "{}")));
        assertThat(store.get(key)).map(StoredItem::sequence).hasValue(2L);
    }

    @Test
    void aTransactionOverFourMegabytesIsRefused() {
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            writes.add(new Write.Put(StoredItem.of(new ItemKey("p", "chunk#" + i), 1, "x".repeat(390 * 1024))));
        }

        assertThatThrownBy(() -> store.writeAll(writes)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.items()).isEmpty();
        store.writeAll(writes.subList(0, 10));
        assertThat(store.query("p", "chunk#", 100, Optional.empty(), true).items())
                .hasSize(10);
    }
}
