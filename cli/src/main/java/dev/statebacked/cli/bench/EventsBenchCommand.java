package dev.statebacked.cli.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.api.Json;
import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.local.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
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
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Latency of sending events against the storage floor, and events/s over many instances.")
public final class EventsBenchCommand implements Callable<Integer> {
    @Option(names = "--floor-iterations", defaultValue = "1000",
            description = "Measured floor operations (default: ${DEFAULT-VALUE})")
    int floorIterations;

    @Option(names = "--iterations", defaultValue = "500",
            description = "Measured send-event round trips (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--warmup", defaultValue = "100",
            description = "Unmeasured iterations before each latency measurement (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--instances", defaultValue = "64", description = "Instances for throughput (default: ${DEFAULT-VALUE})")
    int instances;

    @Option(names = "--threads", defaultValue = "16", description = "Client threads for throughput (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--seconds", defaultValue = "10", description = "Throughput measurement time (default: ${DEFAULT-VALUE})")
    int seconds;

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("statebacked-bench-");
        System.out.println("statebacked bench events: starting a local stack in " + dataDir + " ...");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            Api api = new Api(stack);
            Latencies floor = floor(stack.apiEnvironment());
            String machine = api.deployToggler();
            Latencies send = sendLatency(api, machine);
            Throughput throughput = throughput(api, machine);
            print(floor, send, throughput);
            return 0;
        } finally {
            deleteRecursively(dataDir);
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
                var read = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                        .key(Map.of("pk", s(partition), "sk", s("state"))));
                long seen = Long.parseLong(read.item().get("seq").n());
                long next = seen + 1;
                dynamoDb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(partition, "state", next))
                                .conditionExpression("#seq = :expected")
                                .expressionAttributeNames(Map.of("#seq", "seq"))
                                .expressionAttributeValues(Map.of(":expected", n(seen))).build()).build(),
                        TransactWriteItem.builder().put(Put.builder().tableName(table)
                                .item(item(partition, String.format("h#%012d", next), 1))
                                .conditionExpression("attribute_not_exists(pk)").build()).build()));
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

    private Latencies sendLatency(Api api, String machine) {
        String instance = "warm";
        api.createInstance(machine, instance);
        long[] nanos = new long[iterations];
        for (int i = -warmup; i < iterations; i++) {
            long started = System.nanoTime();
            api.toggle(machine, instance);
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

    /** Each client thread owns its share of the instances and sends to them round robin, as fast as it can. */
    private Throughput throughput(Api api, String machine) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            names.add(String.format("tp%03d", i));
            api.createInstance(machine, names.getLast());
        }
        for (String name : names) {
            api.toggle(machine, name); // every instance warm before the clock starts
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
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
                        api.toggle(machine, mine.get(count % mine.size()));
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
        System.out.printf(row, "floor: GetItem + TransactWriteItems (SDK)", floor.count(), ms(floor.p50()), ms(floor.p99()));
        System.out.printf(row, "send event over HTTP, warm toggler", send.count(), ms(send.p50()), ms(send.p99()));
        System.out.printf(row, "ratio send / floor", "", String.format("%.1fx", send.p50() / floor.p50()),
                String.format("%.1fx", send.p99() / floor.p99()));
        System.out.printf(row, "throughput: %d instances, %d threads".formatted(instances, threads),
                throughput.events(), ms(throughput.latencies().p50()), ms(throughput.latencies().p99()));
        System.out.printf("%-46s %8.0f events/s over %.1f s%n", "", throughput.perSecond(),
                throughput.elapsed().toMillis() / 1000.0);
        System.out.printf("(%d cores, load average %.1f, JDK %s)%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
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
            return nanos.length == 0 ? Double.NaN : nanos[(int) Math.min(nanos.length - 1, Math.ceil(p * nanos.length) - 1)];
        }
    }

    private static Map<String, AttributeValue> item(String partition, String sort, long sequence) {
        return Map.of("pk", s(partition), "sk", s(sort), "seq", n(sequence),
                "body", s("{\"state\":{\"value\":\"on\",\"context\":{}},\"bench\":true}"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** The API over HTTP with the stack's admin key, the way any client calls it. */
    private static final class Api {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI base;
        private final String token;

        Api(LocalStack stack) {
            this.base = stack.apiUrl();
            var credentials = stack.credentials();
            this.token = JWT.create()
                    .withKeyId(credentials.keyId())
                    .withAudience("https://api.statebacked.dev/")
                    .withIssuer("https://" + credentials.keyId() + ".client.statebacked.dev/")
                    .withIssuedAt(Instant.now())
                    .withExpiresAt(Instant.now().plus(Duration.ofHours(2)))
                    .withClaim("act", Map.of("sub", "bench"))
                    .sign(Algorithm.HMAC256(credentials.secret().getBytes(StandardCharsets.UTF_8)));
        }

        String deployToggler() {
            String machine = "bench-toggler";
            call("POST", "/machines", Map.of("slug", machine), 201);
            JsonNode reserved = call("POST", "/machines/" + machine + "/v", Map.of(), 200);
            upload(reserved, resource("/bench/toggler.js"));
            call("PUT", "/machines/" + machine + "/v/" + reserved.path("machineVersionId").asText(),
                    Map.of("makeCurrent", true), 200);
            return machine;
        }

        void createInstance(String machine, String instance) {
            call("POST", "/machines/" + machine, Map.of("slug", instance), 200);
        }

        void toggle(String machine, String instance) {
            call("POST", "/machines/" + machine + "/i/" + instance + "/events", Map.of("event", "toggle"), 200);
        }

        private JsonNode call(String method, String path, Object body, int expectedStatus) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .header("authorization", "Bearer " + token)
                    .header("content-type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)))
                    .build();
            HttpResponse<String> response = send(request);
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return Json.readBody(response.body());
        }

        private void upload(JsonNode reserved, byte[] code) {
            String boundary = "----statebacked-bench-" + UUID.randomUUID();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            reserved.path("codeUploadFields").fields().forEachRemaining(e -> fields.add(Map.entry(e.getKey(), e.getValue().asText())));
            fields.add(Map.entry("content-type", "application/javascript"));
            fields.forEach(f -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8)));
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"toggler.js\""
                    + "\r\nContent-Type: application/javascript\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(code);
            out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(reserved.path("codeUploadUrl").asText()))
                    .header("content-type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("code upload answered " + response.statusCode() + ": " + response.body());
            }
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static byte[] resource(String name) {
            try (InputStream in = EventsBenchCommand.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
