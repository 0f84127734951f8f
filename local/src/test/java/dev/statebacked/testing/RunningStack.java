package dev.statebacked.testing;

import dev.statebacked.local.LocalStack;
import dev.statebacked.messaging.MessageDispatcher;
import java.util.Map;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One local stack for a whole test run, on a fresh data directory: starting the emulators costs seconds,
 * and tests isolate themselves by using fresh names, not fresh stacks.
 */
public final class RunningStack {
    /** Failed messages are tried again after 1 s instead of 30, so five attempts take seconds. */
    public static final Map<String, String> FAST_RETRIES = Map.of(MessageDispatcher.RETRY_DELAY_VARIABLE, "1");
    private static LocalStack stack;

    private RunningStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            try {
                Path dataDir = Files.createTempDirectory("statebacked-test-");
                stack = LocalStack.start(new LocalStack.Options(0, dataDir).withSettings(FAST_RETRIES));
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stack;
    }

    public static ApiClient adminClient() {
        return ApiClient.admin(get());
    }
}
