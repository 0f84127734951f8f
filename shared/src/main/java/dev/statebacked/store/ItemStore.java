package dev.statebacked.store;

import java.util.List;
import java.util.Optional;

/** The core's only view of the database. Reads are strongly consistent. */
public interface ItemStore {

    Optional<StoredItem> get(ItemKey key);

    /** Applies one write; throws {@link ConflictingWriteException} when its condition does not hold. */
    void write(Write write);

    /**
     * Applies all writes or none. Throws {@link ConflictingWriteException} naming the first write whose
     * condition failed, with that item's current value.
     */
    void writeAll(List<Write> writes);

    /**
     * Stores each item whatever is there, as independent puts rather than one transaction (DynamoDB's
     * BatchWriteItem: half the write cost of a transaction, 25 items a call). When it throws, some items may be
     * stored and others not.
     */
    default void putAll(List<StoredItem> items) {
        items.forEach(item -> write(new Write.Put(item)));
    }

    /**
     * Items of one partition whose sort key starts with {@code sortPrefix}, in sort-key order.
     * {@code cursor} continues a previous page and is opaque to callers.
     */
    Page query(String partition, String sortPrefix, int limit, Optional<String> cursor, boolean ascending);

    /**
     * Items of one partition whose sort key meets {@code condition} (a range read, not a scan), in sort-key order;
     * {@code cursor} continues a previous page of the same range and is opaque to callers.
     */
    Page queryRange(
            String partition, SortKeyCondition condition, int limit, Optional<String> cursor, boolean ascending);
}
