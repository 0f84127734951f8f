package dev.statebacked.instances;

import dev.statebacked.store.Write;
import java.util.List;
import java.util.Optional;

/**
 * The writes that keep secondary entries of an instance (its index entries) in step with it, computed from the
 * instance before and after a write alone, so every kind of write gets them and they join its transaction: a reader
 * never sees an entry for something the instance does not hold.
 */
@FunctionalInterface
public interface IndexWrites {
    IndexWrites NONE = (before, after) -> List.of();

    /** {@code before} is empty for a creation, {@code after} for a deletion. */
    List<Write> between(Optional<Instance> before, Optional<Instance> after);
}
