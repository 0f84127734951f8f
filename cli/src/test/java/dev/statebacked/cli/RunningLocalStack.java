package dev.statebacked.cli;

import dev.statebacked.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One local stack for the operator commands' tests, started at first use and stopped when the JVM exits. */
final class RunningLocalStack {
    private static LocalStack stack;
    private static Path dataDir;

    private RunningLocalStack() {}

    static synchronized LocalStack get() {
        if (stack == null) {
            try {
                dataDir = Files.createTempDirectory("statebacked-cli-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stack = LocalStack.start(new LocalStack.Options(0, dataDir));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    static synchronized Path dataDir() {
        get();
        return dataDir;
    }
}
