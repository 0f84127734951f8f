package dev.statebacked.logs;

import dev.statebacked.store.ForwardingItemStore;
import dev.statebacked.store.InMemoryItemStore;
import dev.statebacked.store.Page;
import dev.statebacked.store.SortKeyCondition;
import dev.statebacked.store.StoredItem;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The in-memory store, recording the partition of each query and running a hook before each batch of puts. */
final class CountingStore extends ForwardingItemStore {
    final InMemoryItemStore store;
    final List<String> queries = new CopyOnWriteArrayList<>();
    final List<List<StoredItem>> batches = new CopyOnWriteArrayList<>();
    Runnable beforePuts = () -> {};

    CountingStore(InMemoryItemStore store) {
        super(store);
        this.store = store;
    }

    @Override
    public void putAll(List<StoredItem> items) {
        beforePuts.run();
        batches.add(List.copyOf(items));
        super.putAll(items);
    }

    @Override
    public Page query(String partition, String sortPrefix, int limit, Optional<String> cursor, boolean ascending) {
        queries.add(partition);
        return super.query(partition, sortPrefix, limit, cursor, ascending);
    }

    @Override
    public Page queryRange(
            String partition, SortKeyCondition condition, int limit, Optional<String> cursor, boolean ascending) {
        queries.add(partition);
        return super.queryRange(partition, condition, limit, cursor, ascending);
    }
}
