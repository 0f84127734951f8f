package dev.statebacked.instances;

import dev.statebacked.store.ConflictingWriteException;

/**
 * A write of an instance lost: another processor wrote it since it was read at {@code readAt}. Nothing of the lost
 * write happened, so a processor whose first write of a turn lost may read again and compute again.
 */
final class InstanceMovedOn extends RuntimeException {
    private final long readAt;

    InstanceMovedOn(Instance read, ConflictingWriteException cause) {
        super(
                "instance " + read.name() + " was written by another processor since its write " + read.sequence(),
                cause);
        this.readAt = read.sequence();
    }

    long readAt() {
        return readAt;
    }
}
