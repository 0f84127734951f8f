package dev.statebacked.instances;

import java.util.Optional;

/**
 * A hook of the post-commit stage: called after each write of an instance is durable, in the order of the
 * instance's history, before the effects of the change run. A hook must not block for long (the instance waits for
 * it) and its failures are logged, never undo the write.
 */
@FunctionalInterface
public interface PostCommit {
    /** {@code before} is empty for a creation, {@code after} for a deletion. */
    void committed(Optional<Instance> before, Optional<Instance> after, Change change);
}
