package dev.statebacked.store;

import java.util.Objects;

/** Where an item lives: items that share a partition are read together, ordered by sort key. */
public record ItemKey(String partition, String sort) {
    public ItemKey {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(sort, "sort");
        if (partition.isEmpty() || sort.isEmpty()) {
            throw new IllegalArgumentException("key parts must not be empty");
        }
    }
}
