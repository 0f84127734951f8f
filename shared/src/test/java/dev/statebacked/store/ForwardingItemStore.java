package dev.statebacked.store;

import java.util.List;
import java.util.Optional;

/** A store that passes every call on to another: tests override the calls they watch. */
public abstract class ForwardingItemStore implements ItemStore {
    private final ItemStore store;

    protected ForwardingItemStore(ItemStore store) {
        this.store = store;
    }

    @Override
    public Optional<StoredItem> get(ItemKey key) {
        return store.get(key);
    }

    @Override
    public void write(Write write) {
        store.write(write);
    }

    @Override
    public void writeAll(List<Write> writes) {
        store.writeAll(writes);
    }

    @Override
    public void putAll(List<StoredItem> items) {
        store.putAll(items);
    }

    @Override
    public Page query(String partition, String sortPrefix, int limit, Optional<String> cursor, boolean ascending) {
        return store.query(partition, sortPrefix, limit, cursor, ascending);
    }

    @Override
    public Page queryRange(
            String partition, SortKeyCondition condition, int limit, Optional<String> cursor, boolean ascending) {
        return store.queryRange(partition, condition, limit, cursor, ascending);
    }
}
