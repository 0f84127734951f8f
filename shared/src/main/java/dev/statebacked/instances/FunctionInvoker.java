package dev.statebacked.instances;

import java.time.Duration;
import java.util.Optional;

/** Synchronous invocation of another function of the service. */
public interface FunctionInvoker {
    /**
     * Invokes the function with {@code payload} and waits at most {@code wait} for its answer; empty when it did
     * not answer in time (it goes on running). A function that failed is an {@link IllegalStateException}.
     */
    Optional<byte[]> invoke(byte[] payload, Duration wait);
}
