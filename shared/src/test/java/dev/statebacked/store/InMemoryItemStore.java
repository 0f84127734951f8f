package dev.statebacked.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The conditional writes of {@link ItemStore} on a map, for unit tests of what is built on them (no queries). */
public final class InMemoryItemStore implements ItemStore {
    private final Map<ItemKey, StoredItem> items = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredItem> get(ItemKey key) {
        return Optional.ofNullable(items.get(key));
    }

    @Override
    public synchronized void write(Write write) {
        writeAll(List.of(write));
    }

    @Override
    public synchronized void writeAll(List<Write> writes) {
        for (Write write : writes) {
            StoredItem current = items.get(write.key());
            boolean holds = switch (write) {
                case Write.Put put -> true;
                case Write.Delete delete -> true;
                case Write.PutIfAbsent put -> current == null;
                case Write.PutIfSequence put -> current != null && current.sequence() == put.expectedSequence();
                case Write.DeleteIfSequence delete -> current != null && current.sequence() == delete.expectedSequence();
                case Write.RequireSequence check -> current != null && current.sequence() == check.expectedSequence();
            };
            if (!holds) {
                throw new ConflictingWriteException(write.key(), Optional.ofNullable(current));
            }
        }
        for (Write write : writes) {
            switch (write) {
                case Write.Put put -> items.put(put.key(), put.item());
                case Write.PutIfAbsent put -> items.put(put.key(), put.item());
                case Write.PutIfSequence put -> items.put(put.key(), put.item());
                case Write.Delete delete -> items.remove(delete.key());
                case Write.DeleteIfSequence delete -> items.remove(delete.key());
                case Write.RequireSequence check -> {
                }
            }
        }
    }

    @Override
    public Page query(String partition, String sortPrefix, int limit, Optional<String> cursor, boolean ascending) {
        throw new UnsupportedOperationException("the in-memory store answers no queries");
    }
}
