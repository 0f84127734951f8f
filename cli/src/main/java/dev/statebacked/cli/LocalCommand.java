package dev.statebacked.cli;

import dev.statebacked.local.LocalStack;
import dev.statebacked.local.LocalStackException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run the whole service on this machine on embedded DynamoDB, SQS and Scheduler emulators.")
final class LocalCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8000", description = "HTTP port of the API (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", defaultValue = ".statebacked",
            description = "Where tables, messages, schedules and credentials are kept (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        LocalStack stack;
        try {
            stack = LocalStack.start(new LocalStack.Options(port, dataDir));
        } catch (LocalStackException e) {
            System.err.println("statebacked local: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("statebacked local: failed to start: " + e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "statebacked-shutdown"));
        System.out.println("statebacked local ready on " + stack.apiUrl());
        System.out.println("credentials: " + dataDir.toAbsolutePath().normalize().resolve("credentials.json"));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
