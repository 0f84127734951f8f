package dev.statebacked.cli.bench;

import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.local.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@code statebacked bench events}: what one event costs compared with the storage it cannot avoid. On a fresh
 * in-process local stack: the floor (one consistent GetItem plus one conditional TransactWriteItems of two items,
 * the shape of a transition's write, straight through the SDK to the same embedded DynamoDB), then send-event
 * round trips over HTTP on one warm toggler instance, then throughput over many instances and client threads.
 */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = "Latency of sending events against the storage floor, and events/s over many instances.")
public final class EventsBenchCommand implements Callable<Integer> {
    @Option(
            names = "--floor-iterations",
            defaultValue = "1000",
            description = "Measured floor operations (default: ${DEFAULT-VALUE})")
    int floorIterations;

    @Option(
            names = "--iterations",
            defaultValue = "500",
            description = "Measured send-event round trips (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(
            names = "--warmup",
            defaultValue = "100",
            description = "Unmeasured iterations before each latency measurement (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "60",
            description =
                    "Time the whole event path runs (the throughput load) before anything is measured, so the"
                            + " JS and the JVM are compiled: Graal needs tens of seconds on 2 cores (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(
            names = "--instances",
            defaultValue = "64",
            description = "Instances for throughput (default: ${DEFAULT-VALUE})")
    int instances;

    @Option(
            names = "--threads",
            defaultValue = "16",
            description = "Client threads for throughput (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(
            names = "--seconds",
            defaultValue = "10",
            description = "Throughput measurement time (default: ${DEFAULT-VALUE})")
    int seconds;

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("statebacked-bench-");
        System.out.println("statebacked bench events: starting a local stack in " + dataDir + " ...");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            BenchApi api = new BenchApi(stack);
            String machine = api.deploy("bench-toggler", "/bench/toggler.js");
            List<String> names = createInstances(api, machine);
            if (warmupSeconds > 0) {
                System.out.printf("warming up for %d s (the throughput load, not measured) ...%n", warmupSeconds);
                throughput(api, machine, names, warmupSeconds);
                BenchApi.awaitQuietProcess();
            }
            Latencies floor = floor(stack.apiEnvironment());
            Latencies send = sendLatency(api, machine);
            Throughput throughput = throughput(api, machine, names, seconds);
            print(floor, send, throughput);
            indexed(api, machine, names);
            return 0;
        } finally {
            BenchApi.deleteRecursively(dataDir);
        }
    }

    /** Consistent GetItem + conditional two-item TransactWriteItems on one item, as a transition does. */
    private Latencies floor(Map<String, String> environment) {
        String table = Settings.fromEnvironment(environment).tableName();
        String partition = "bench#floor#" + UUID.randomUUID();
        try (AwsClients aws = new AwsClients(environment)) {
            DynamoDbClient dynamoDb = aws.dynamoDb();
            dynamoDb.putItem(b -> b.tableName(table).item(item(partition, "state", 0)));
            long[] nanos = new long[floorIterations];
            long sequence = 0;
            for (int i = -warmup; i < floorIterations; i++) {
                long started = System.nanoTime();
                var read = dynamoDb.getItem(
                        b -> b.tableName(table).consistentRead(true).key(Map.of("pk", s(partition), "sk", s("state"))));
                long seen = Long.parseLong(read.item().get("seq").n());
                long next = seen + 1;
                dynamoDb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(table)
                                        .item(item(partition, "state", next))
                                        .conditionExpression("#seq = :expected")
                                        .expressionAttributeNames(Map.of("#seq", "seq"))
                                        .expressionAttributeValues(Map.of(":expected", n(seen)))
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(table)
                                        .item(item(partition, String.format("h#%012d", next), 1))
                                        .conditionExpression("attribute_not_exists(pk)")
                                        .build())
                                .build()));
                sequence = next;
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - started;
                }
            }
            if (sequence != warmup + floorIterations) {
                throw new IllegalStateException("floor writes lost: " + sequence);
            }
            return new Latencies(nanos);
        }
    }

    /**
     * The same runs on a toggler with two indexes whose values every toggle changes (a string and an array of one):
     * each event then writes 4 index entries (2 puts, 2 deletes) in its transaction beside the instance and history.
     * On a shared box the load moves between runs, so the plain toggler is measured again beside it: send events
     * alternate between the two machines' warm instances, and the throughput runs go back to back.
     */
    private void indexed(BenchApi api, String plain, List<String> plainNames) throws Exception {
        String machine =
                api.deploy("bench-indexed", "/bench/indexed-toggler.js", Map.of("light", "$.light", "tags", "$.tags"));
        List<String> names = createInstances(api, machine);
        int warm = Math.max(5, warmupSeconds / 4);
        System.out.printf("%nindexed toggler: warming up for %d s (its JSONPath code is new to the JIT) ...%n", warm);
        throughput(api, machine, names, warm);
        BenchApi.awaitQuietProcess();
        api.createInstance(machine, "warm");
        long[] plainNanos = new long[iterations];
        long[] indexedNanos = new long[iterations];
        for (int i = -warmup; i < iterations; i++) {
            long started = System.nanoTime();
            api.send(plain, "warm", Map.of("type", "toggle"));
            long between = System.nanoTime();
            api.send(machine, "warm", Map.of("type", "toggle"));
            if (i >= 0) {
                plainNanos[i] = between - started;
                indexedNanos[i] = System.nanoTime() - between;
            }
        }
        Latencies plainSend = new Latencies(plainNanos);
        Latencies indexedSend = new Latencies(indexedNanos);
        Throughput plainThroughput = throughput(api, plain, plainNames, seconds);
        Throughput indexedThroughput = throughput(api, machine, names, seconds);
        int on = api.queryIndex(machine, "light", "on").path("instances").size();
        int off = api.queryIndex(machine, "light", "off").path("instances").size();
        int bright = api.queryIndex(machine, "tags", "bright").path("instances").size();
        int dark = api.queryIndex(machine, "tags", "dark").path("instances").size();
        if (on + off != names.size() + 1 || on != bright || off != dark) {
            throw new IllegalStateException(
                    "index entries out of step: light on/off %d/%d, tags bright/dark %d/%d for %d instances"
                            .formatted(on, off, bright, dark, names.size() + 1));
        }
        String row = "%-46s %8s %10s %10s%n";
        System.out.println();
        System.out.printf(row, "indexes: alternating sends", "n", "p50 ms", "p99 ms");
        System.out.printf(row, "send event, toggler", plainSend.count(), ms(plainSend.p50()), ms(plainSend.p99()));
        System.out.printf(
                row,
                "send event, toggler with 2 changed indexes",
                indexedSend.count(),
                ms(indexedSend.p50()),
                ms(indexedSend.p99()));
        System.out.printf(
                row,
                "ratio indexed / plain",
                "",
                String.format("%.2fx", indexedSend.p50() / plainSend.p50()),
                String.format("%.2fx", indexedSend.p99() / plainSend.p99()));
        System.out.printf("%-46s %8.0f events/s%n", "throughput, toggler, back to back", plainThroughput.perSecond());
        System.out.printf(
                "%-46s %8.0f events/s%n", "throughput, toggler with 2 changed indexes", indexedThroughput.perSecond());
        System.out.printf(
                "(each indexed event: 4 index entries in its transaction; checked after: %d instances, each under one"
                        + " value of each index; load average %.1f)%n",
                on + off,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }

    private Latencies sendLatency(BenchApi api, String machine) {
        String instance = "warm";
        api.createInstance(machine, instance);
        long[] nanos = new long[iterations];
        for (int i = -warmup; i < iterations; i++) {
            long started = System.nanoTime();
            api.send(machine, instance, Map.of("type", "toggle"));
            if (i >= 0) {
                nanos[i] = System.nanoTime() - started;
            }
        }
        return new Latencies(nanos);
    }

    private record Throughput(long events, Duration elapsed, Latencies latencies) {
        double perSecond() {
            return events * 1e9 / elapsed.toNanos();
        }
    }

    private List<String> createInstances(BenchApi api, String machine) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            names.add(String.format("tp%03d", i));
            api.createInstance(machine, names.getLast());
        }
        for (String name : names) {
            api.send(machine, name, Map.of("type", "toggle")); // every instance warm before the clock starts
        }
        return names;
    }

    /** Each client thread owns its share of the instances and sends to them round robin, as fast as it can. */
    private Throughput throughput(BenchApi api, String machine, List<String> names, int forSeconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(forSeconds).toNanos();
        long started = System.nanoTime();
        List<Future<long[]>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = thread; i < names.size(); i += threads) {
                        mine.add(names.get(i));
                    }
                    long[] nanos = new long[1024];
                    int count = 0;
                    while (System.nanoTime() < deadline && !mine.isEmpty()) {
                        long sent = System.nanoTime();
                        api.send(machine, mine.get(count % mine.size()), Map.of("type", "toggle"));
                        if (count == nanos.length) {
                            nanos = Arrays.copyOf(nanos, count * 2);
                        }
                        nanos[count++] = System.nanoTime() - sent;
                    }
                    return Arrays.copyOf(nanos, count);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> result : results) {
                all.add(result.get());
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
            return new Throughput(merged.length, elapsed, new Latencies(merged));
        }
    }

    private void print(Latencies floor, Latencies send, Throughput throughput) {
        String row = "%-46s %8s %10s %10s%n";
        System.out.println();
        System.out.printf(row, "measure", "n", "p50 ms", "p99 ms");
        System.out.printf(
                row, "floor: GetItem + TransactWriteItems (SDK)", floor.count(), ms(floor.p50()), ms(floor.p99()));
        System.out.printf(row, "send event over HTTP, warm toggler", send.count(), ms(send.p50()), ms(send.p99()));
        System.out.printf(
                row,
                "ratio send / floor",
                "",
                String.format("%.1fx", send.p50() / floor.p50()),
                String.format("%.1fx", send.p99() / floor.p99()));
        System.out.printf(
                row,
                "throughput: %d instances, %d threads".formatted(instances, threads),
                throughput.events(),
                ms(throughput.latencies().p50()),
                ms(throughput.latencies().p99()));
        System.out.printf(
                "%-46s %8.0f events/s over %.1f s%n",
                "", throughput.perSecond(), throughput.elapsed().toMillis() / 1000.0);
        System.out.printf(
                "(%d cores, load average %.1f, JDK %s)%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                Runtime.version().feature());
    }

    private static String ms(double nanos) {
        return String.format("%.2f", nanos / 1e6);
    }

    record Latencies(long[] nanos) {
        Latencies {
            nanos = nanos.clone();
            Arrays.sort(nanos);
        }

        int count() {
            return nanos.length;
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        private double percentile(double p) {
            return nanos.length == 0
                    ? Double.NaN
                    : nanos[(int) Math.min(nanos.length - 1, Math.ceil(p * nanos.length) - 1)];
        }
    }

    private static Map<String, AttributeValue> item(String partition, String sort, long sequence) {
        return Map.of(
                "pk",
                s(partition),
                "sk",
                s(sort),
                "seq",
                n(sequence),
                "body",
                s("{\"state\":{\"value\":\"on\",\"context\":{}},\"bench\":true}"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
