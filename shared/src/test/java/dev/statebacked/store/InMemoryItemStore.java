package dev.statebacked.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@link ItemStore} in memory, for unit tests of what is built on it: it keeps {@link ItemStoreContract} as
 * DynamoDB does, with DynamoDB's limits (400 KB an item, 100 distinct items and 4 MB a transaction) and its paging
 * (a full page carries a cursor, even when nothing follows it). Expired items stay until {@link #removeExpired}
 * deletes them, as DynamoDB's time to live does some time after the expiry.
 *
 * <p>Every operation is atomic and serializable with the others. A test can run code just before or after the
 * next write ({@link #beforeNextWrite}, {@link #afterNextWrite}): another writer that gets in first, a store that
 * fails, a process that dies once its write landed.
 */
public final class InMemoryItemStore implements ItemStore {
    static final int MAX_ITEM_BYTES = 400 * 1024;
    static final int MAX_TRANSACTION_WRITES = 100;
    static final int MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

    /** DynamoDB orders string keys by their UTF-8 bytes, which is the order of their code points. */
    static final Comparator<String> SORT_KEY_ORDER = SortKeyCondition::compare;

    private final Map<String, NavigableMap<String, StoredItem>> partitions = new HashMap<>();
    private Consumer<List<Write>> beforeNextWrite;
    private Consumer<List<Write>> afterNextWrite;

    @Override
    public synchronized Optional<StoredItem> get(ItemKey key) {
        NavigableMap<String, StoredItem> partition = partitions.get(key.partition());
        return partition == null ? Optional.empty() : Optional.ofNullable(partition.get(key.sort()));
    }

    @Override
    public synchronized void write(Write write) {
        apply(List.of(write));
    }

    @Override
    public synchronized void writeAll(List<Write> writes) {
        if (writes.size() > MAX_TRANSACTION_WRITES) {
            throw new IllegalArgumentException(
                    "a transaction holds at most " + MAX_TRANSACTION_WRITES + " writes, not " + writes.size());
        }
        Set<ItemKey> keys = new HashSet<>();
        for (Write write : writes) {
            if (!keys.add(write.key())) {
                throw new IllegalArgumentException("a transaction may not write " + write.key() + " twice");
            }
        }
        long bytes = writes.stream().mapToLong(InMemoryItemStore::sizeOf).sum();
        if (bytes > MAX_TRANSACTION_BYTES) {
            throw new IllegalArgumentException("a transaction writes at most 4 MB, not " + bytes + " bytes");
        }
        if (!writes.isEmpty()) {
            apply(writes);
        }
    }

    private void apply(List<Write> writes) {
        for (Write write : writes) {
            if (sizeOf(write) > MAX_ITEM_BYTES) {
                throw new IllegalArgumentException("item " + write.key() + " is larger than 400 KB");
            }
        }
        Consumer<List<Write>> before = beforeNextWrite;
        beforeNextWrite = null;
        if (before != null) {
            before.accept(writes);
        }
        for (Write write : writes) {
            Optional<StoredItem> current = get(write.key());
            boolean holds = switch (write) {
                case Write.Put put -> true;
                case Write.Delete delete -> true;
                case Write.PutIfAbsent put -> current.isEmpty();
                case Write.PutIfSequence put -> hasSequence(current, put.expectedSequence());
                case Write.DeleteIfSequence delete -> hasSequence(current, delete.expectedSequence());
                case Write.RequireSequence check -> hasSequence(current, check.expectedSequence());
            };
            if (!holds) {
                throw new ConflictingWriteException(write.key(), current);
            }
        }
        for (Write write : writes) {
            switch (write) {
                case Write.Put put -> put(put.item());
                case Write.PutIfAbsent put -> put(put.item());
                case Write.PutIfSequence put -> put(put.item());
                case Write.Delete delete -> remove(delete.key());
                case Write.DeleteIfSequence delete -> remove(delete.key());
                case Write.RequireSequence check -> {}
            }
        }
        Consumer<List<Write>> after = afterNextWrite;
        afterNextWrite = null;
        if (after != null) {
            after.accept(writes);
        }
    }

    private static boolean hasSequence(Optional<StoredItem> current, long expected) {
        return current.isPresent() && current.get().sequence() == expected;
    }

    private void put(StoredItem item) {
        partitions
                .computeIfAbsent(item.key().partition(), p -> new TreeMap<>(SORT_KEY_ORDER))
                .put(item.key().sort(), item);
    }

    private void remove(ItemKey key) {
        NavigableMap<String, StoredItem> partition = partitions.get(key.partition());
        if (partition != null) {
            partition.remove(key.sort());
            if (partition.isEmpty()) {
                partitions.remove(key.partition());
            }
        }
    }

    @Override
    public synchronized Page query(
            String partition, String sortPrefix, int limit, Optional<String> cursor, boolean ascending) {
        if (limit < 1) {
            throw new IllegalArgumentException("a query's limit is at least 1, not " + limit);
        }
        Optional<String> after = cursor.map(c -> decodeCursor(sortPrefix, c));
        NavigableMap<String, StoredItem> items = partitions.getOrDefault(partition, new TreeMap<>(SORT_KEY_ORDER));
        NavigableMap<String, StoredItem> matching = sortPrefix.isEmpty() ? items : items.tailMap(sortPrefix, true);
        NavigableMap<String, StoredItem> ordered = ascending ? matching : matching.descendingMap();
        NavigableMap<String, StoredItem> rest =
                after.map(sort -> ordered.tailMap(sort, false)).orElse(ordered);
        List<StoredItem> page = new ArrayList<>();
        for (StoredItem item : rest.values()) {
            if (!item.key().sort().startsWith(sortPrefix)) {
                if (ascending) {
                    break; // the keys with the prefix are contiguous, and the first of them is the prefix or after it
                }
                continue;
            }
            page.add(item);
            if (page.size() == limit) {
                // as DynamoDB: a page that reached its limit says where the next one starts, whether or not any follows
                return new Page(page, Optional.of(encodeCursor(item.key().sort())));
            }
        }
        return new Page(page, Optional.empty());
    }

    @Override
    public synchronized Page queryRange(
            String partition, SortKeyCondition condition, int limit, Optional<String> cursor, boolean ascending) {
        if (limit < 1) {
            throw new IllegalArgumentException("a query's limit is at least 1, not " + limit);
        }
        Optional<String> after = cursor.map(c -> {
            String sort = decodeCursor("", c);
            if (!condition.holds(sort)) {
                throw new InvalidCursorException(c);
            }
            return sort;
        });
        NavigableMap<String, StoredItem> items = partitions.getOrDefault(partition, new TreeMap<>(SORT_KEY_ORDER));
        NavigableMap<String, StoredItem> ordered = ascending ? items : items.descendingMap();
        NavigableMap<String, StoredItem> rest =
                after.map(sort -> ordered.tailMap(sort, false)).orElse(ordered);
        List<StoredItem> page = new ArrayList<>();
        for (StoredItem item : rest.values()) {
            if (!condition.holds(item.key().sort())) {
                continue;
            }
            page.add(item);
            if (page.size() == limit) {
                return new Page(page, Optional.of(encodeCursor(item.key().sort())));
            }
        }
        return new Page(page, Optional.empty());
    }

    /** Deletes the items whose expiry ({@link StoredItem#expiringAt}) is at or before {@code now}; returns how many. */
    public synchronized int removeExpired(Instant now) {
        List<ItemKey> expired = items().stream()
                .filter(item -> item.attributes().containsKey(ItemAttributes.EXPIRES_AT))
                .filter(item ->
                        Long.parseLong(item.attributes().get(ItemAttributes.EXPIRES_AT)) <= now.getEpochSecond())
                .map(StoredItem::key)
                .toList();
        expired.forEach(this::remove);
        return expired.size();
    }

    /** Every stored item, by partition and then sort key. */
    public synchronized List<StoredItem> items() {
        return partitions.keySet().stream()
                .sorted(SORT_KEY_ORDER)
                .flatMap(partition -> partitions.get(partition).values().stream())
                .toList();
    }

    /** The items of {@code partition}, in sort-key order. */
    public synchronized List<StoredItem> items(String partition) {
        return List.copyOf(partitions.getOrDefault(partition, new TreeMap<>()).values());
    }

    /**
     * Runs {@code hook} once, on the writing thread, just before the next {@code write} or {@code writeAll} checks
     * its conditions (after the validations that refuse it outright). The hook may write to this store (a
     * competing writer that gets in first) or throw (a store that fails; nothing is written).
     */
    public synchronized void beforeNextWrite(Consumer<List<Write>> hook) {
        beforeNextWrite = hook;
    }

    /**
     * Runs {@code hook} once, on the writing thread, just after the next successful {@code write} or {@code
     * writeAll} was applied. A hook that throws makes the writer fail though its writes landed: the process that
     * dies between its write and what should follow it, or the request whose answer is lost.
     */
    public synchronized void afterNextWrite(Consumer<List<Write>> hook) {
        afterNextWrite = hook;
    }

    /** DynamoDB's size of an item: the UTF-8 lengths of its attribute names and values (a number: about 1 byte per 2 digits). */
    private static long sizeOf(Write write) {
        return switch (write) {
            case Write.Put put -> sizeOf(put.item());
            case Write.PutIfAbsent put -> sizeOf(put.item());
            case Write.PutIfSequence put -> sizeOf(put.item());
            case Write.Delete delete -> 0;
            case Write.DeleteIfSequence delete -> 0;
            case Write.RequireSequence check -> 0;
        };
    }

    private static long sizeOf(StoredItem item) {
        long size = utf8("pk")
                + utf8(item.key().partition())
                + utf8("sk")
                + utf8(item.key().sort())
                + utf8("seq")
                + numberSize(Long.toString(item.sequence()))
                + utf8("body")
                + utf8(item.body());
        for (Map.Entry<String, String> attribute : item.attributes().entrySet()) {
            size += utf8(attribute.getKey())
                    + (attribute.getKey().equals(ItemAttributes.EXPIRES_AT)
                            ? numberSize(attribute.getValue())
                            : utf8(attribute.getValue()));
        }
        return size;
    }

    private static long numberSize(String digits) {
        return digits.length() / 2 + 2;
    }

    private static long utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String encodeCursor(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link DynamoItemStore}: a cursor names the last item of a page, within the listing's prefix. */
    private static String decodeCursor(String sortPrefix, String cursor) {
        String sort;
        try {
            sort = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException(cursor);
        }
        if (sort.isEmpty() || !sort.startsWith(sortPrefix)) {
            throw new InvalidCursorException(cursor);
        }
        return sort;
    }
}
