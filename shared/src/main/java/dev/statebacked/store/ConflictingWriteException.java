package dev.statebacked.store;

import java.util.Optional;

/**
 * A conditional write lost: the item was created, changed or removed by someone else.
 * Carries what is stored now so the loser can retry on the fresh state without another read.
 */
public final class ConflictingWriteException extends RuntimeException {
    private final ItemKey key;
    private final transient Optional<StoredItem> current;

    public ConflictingWriteException(ItemKey key, Optional<StoredItem> current) {
        super("conditional write on " + key + " failed; stored sequence is "
                + current.map(i -> Long.toString(i.sequence())).orElse("absent"));
        this.key = key;
        this.current = current;
    }

    public ItemKey key() {
        return key;
    }

    public Optional<StoredItem> current() {
        return current;
    }
}
