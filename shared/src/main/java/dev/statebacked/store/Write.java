package dev.statebacked.store;

/** One write of a (possibly transactional) batch. Each kind states the condition it is applied under. */
public sealed interface Write {
    ItemKey key();

    /** Stores the item whatever is there. */
    record Put(StoredItem item) implements Write {
        public ItemKey key() {
            return item.key();
        }
    }

    /** Stores the item only where no item has this key: creation that must not overwrite. */
    record PutIfAbsent(StoredItem item) implements Write {
        public ItemKey key() {
            return item.key();
        }
    }

    /**
     * Stores the item only while the stored one still has {@code expectedSequence}: the optimistic
     * concurrency step. The new item carries its own (usually expected + 1) sequence.
     */
    record PutIfSequence(StoredItem item, long expectedSequence) implements Write {
        public ItemKey key() {
            return item.key();
        }
    }

    /** Removes the item if present. */
    record Delete(ItemKey key) implements Write {}

    /** Removes the item only while it still has {@code expectedSequence}. */
    record DeleteIfSequence(ItemKey key, long expectedSequence) implements Write {}

    /** Writes nothing; fails the batch unless the item still has {@code expectedSequence}. */
    record RequireSequence(ItemKey key, long expectedSequence) implements Write {}
}
