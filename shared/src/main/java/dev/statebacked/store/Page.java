package dev.statebacked.store;

import java.util.List;
import java.util.Optional;

/** A slice of a query; an empty cursor means there is nothing after it. */
public record Page(List<StoredItem> items, Optional<String> cursor) {
    public Page {
        items = List.copyOf(items);
    }
}
