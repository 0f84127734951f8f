package dev.statebacked.local.dynamodb;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded, file-backed emulator of DynamoDB and DynamoDB Streams that the real AWS SDK v2 clients talk to via
 * {@code endpointOverride(emulator.endpoint())}. Signatures are not checked; any credentials and region work.
 *
 * <pre>{@code
 * try (var ddb = DynamoDbEmulator.start(Path.of(".statebacked/dynamodb"), 0)) {
 *     var client = DynamoDbClient.builder().endpointOverride(ddb.endpoint())...build();
 * }
 * }</pre>
 *
 * Only one emulator may use a data directory at a time; a second {@link #start} on it fails with an
 * {@link IllegalStateException} saying the directory is in use.
 */
public final class DynamoDbEmulator implements AutoCloseable {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    /**
     * How often expired TTL items are deleted and old stream records trimmed: an item is gone at most this long
     * (plus the sweep's own time) after its TTL passed.
     */
    public static final long MAINTENANCE_INTERVAL_SECONDS = 5;

    private final Storage storage;
    private final HttpServer server;
    private final ExecutorService requestThreads;
    private final ScheduledExecutorService maintenance;
    private final URI endpoint;
    private final Maintenance maintenanceTask;
    private final EmulatorClock ttlClock;

    private DynamoDbEmulator(
            Storage storage,
            HttpServer server,
            ExecutorService requestThreads,
            ScheduledExecutorService maintenance,
            Maintenance maintenanceTask,
            EmulatorClock ttlClock) {
        this.storage = storage;
        this.ttlClock = ttlClock;
        this.maintenanceTask = maintenanceTask;
        this.server = server;
        this.requestThreads = requestThreads;
        this.maintenance = maintenance;
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Opens (or creates) the store in {@code dataDir} and serves it on 127.0.0.1:{@code port}; port 0 picks a free port.
     *
     * @throws IllegalStateException when another emulator already uses {@code dataDir}
     */
    public static DynamoDbEmulator start(Path dataDir, int port) {
        return start(dataDir, port, new EmulatorClock());
    }

    /**
     * As {@link #start(Path, int)}, with items expiring by {@code ttlClock}: a test moves it ahead to have items
     * deleted that are due days from now.
     */
    public static DynamoDbEmulator start(Path dataDir, int port, EmulatorClock ttlClock) {
        Storage storage = Storage.open(dataDir);
        HttpServer server;
        try {
            server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 128);
        } catch (IOException e) {
            storage.close();
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService requestThreads = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "dynamodb-emulator-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(requestThreads);
        server.createContext("/", new RequestRouter(storage));
        server.start();
        ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynamodb-emulator-maintenance");
            t.setDaemon(true);
            return t;
        });
        Maintenance task = new Maintenance(storage, ttlClock);
        maintenance.scheduleWithFixedDelay(
                task::run, MAINTENANCE_INTERVAL_SECONDS, MAINTENANCE_INTERVAL_SECONDS, TimeUnit.SECONDS);
        return new DynamoDbEmulator(storage, server, requestThreads, maintenance, task, ttlClock);
    }

    /**
     * In-process readers of a stream (the local stack's stream poller) wait on this instead of polling: a marker
     * taken before a read that found nothing, then a wait until a later write appends records.
     */
    public StreamActivity streamActivity() {
        return new StreamActivity() {
            @Override
            public long marker() {
                return storage.streamAppends();
            }

            @Override
            public void awaitAfter(long marker, java.time.Duration max) throws InterruptedException {
                storage.awaitStreamAppend(marker, max);
            }
        };
    }

    /** Whether a table stream has new records since a marker; see {@link #streamActivity()}. */
    public interface StreamActivity {
        long marker();

        void awaitAfter(long marker, java.time.Duration max) throws InterruptedException;
    }

    /** The base URI to pass to the SDK's {@code endpointOverride}, e.g. {@code http://127.0.0.1:54321}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The time items expire by (the system's unless a test moved it). */
    public EmulatorClock ttlClock() {
        return ttlClock;
    }

    /**
     * Runs the periodic housekeeping (TTL expiry, stream trimming) now and returns when it is done; for tests that
     * can't wait for the next interval.
     */
    public void runMaintenanceNow() {
        maintenanceTask.run();
    }

    /** Stops serving, then closes the store (releasing the directory lock). */
    @Override
    public void close() {
        maintenance.shutdownNow();
        server.stop(0);
        requestThreads.shutdown();
        try {
            requestThreads.awaitTermination(5, TimeUnit.SECONDS);
            maintenance.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        storage.close();
    }

    /** Runs a standalone emulator: {@code DynamoDbEmulator <dataDir> [port]}. Prints the endpoint, stops on Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: DynamoDbEmulator <dataDir> [port]");
            System.exit(2);
        }
        DynamoDbEmulator emulator;
        try {
            emulator = start(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 8000);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        System.out.println("DynamoDB emulator listening on " + emulator.endpoint());
        Thread.currentThread().join();
    }
}
