package dev.statebacked.testing;

import dev.statebacked.local.LocalStack;
import dev.statebacked.messaging.MessageDispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * One local stack for a whole test run, on a fresh data directory: starting the emulators costs seconds,
 * and tests isolate themselves by using fresh names, not fresh stacks.
 */
public final class RunningStack {
    /** Failed messages are tried again after 1 s instead of 30, so five attempts take seconds. */
    public static final Map<String, String> FAST_RETRIES = Map.of(MessageDispatcher.RETRY_DELAY_VARIABLE, "1");

    private static LocalStack stack;

    private RunningStack() {}

    public static synchronized LocalStack get() {
        if (stack == null) {
            stack = startForTheRun(
                    "statebacked-test-", dataDir -> new LocalStack.Options(0, dataDir).withSettings(FAST_RETRIES));
        }
        return stack;
    }

    public static ApiClient adminClient() {
        return ApiClient.admin(get());
    }

    /** A stack on a fresh temporary directory, closed when the test JVM exits. */
    static LocalStack startForTheRun(String directoryPrefix, Function<Path, LocalStack.Options> options) {
        try {
            LocalStack started = LocalStack.start(options.apply(Files.createTempDirectory(directoryPrefix)));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
