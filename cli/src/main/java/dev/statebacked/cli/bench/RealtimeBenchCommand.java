package dev.statebacked.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.cli.bench.EventsBenchCommand.Latencies;
import dev.statebacked.json.Json;
import dev.statebacked.local.LocalStack;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code statebacked bench realtime}: how long a transition takes to reach the WebSocket subscribers of its
 * instance. On a fresh in-process local stack: a time-based warm-up (events sent to a subscribed toggler
 * instance, each awaited at every subscriber), the send-event round trip of an instance without subscribers as
 * the baseline, then, for each subscriber count, that many connections on {@code /rt} subscribed to one new
 * instance, and events sent one at a time, each awaited at every subscriber before the next. Each delivered
 * update is measured twice: from the transition's {@code ts} (epoch millis, the same clock as this process's,
 * since the stack runs in it) and from just before the event's send (nanoseconds). Every subscriber must get
 * every update once and in order; missing, duplicated and out-of-order updates are counted, and a missing or
 * out-of-order one makes the command exit non-zero.
 */
@Command(
        name = "realtime",
        mixinStandardHelpOptions = true,
        description = "Latency from a transition to its WebSocket subscribers, against a send-event round trip.")
public final class RealtimeBenchCommand implements Callable<Integer> {
    @Option(
            names = "--subscribers",
            split = ",",
            defaultValue = "1,100,1000",
            description = "Subscriber counts, each on an instance of its own (default: ${DEFAULT-VALUE})")
    List<Integer> subscribers;

    @Option(
            names = "--events",
            split = ",",
            defaultValue = "50,50,20",
            description = "Measured events for each subscriber count, in the order of --subscribers; the last"
                    + " repeats (default: ${DEFAULT-VALUE})")
    List<Integer> events;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "30",
            description = "Time events are sent to a subscribed instance before anything is measured, so the JS"
                    + " and the JVM are compiled (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(
            names = "--warmup-subscribers",
            defaultValue = "100",
            description = "Subscribers of the warm-up instance (default: ${DEFAULT-VALUE})")
    int warmupSubscribers;

    @Option(
            names = "--baseline-iterations",
            defaultValue = "200",
            description = "Measured send-event round trips of the baseline (default: ${DEFAULT-VALUE})")
    int baselineIterations;

    @Option(
            names = "--timeout-seconds",
            defaultValue = "10",
            description = "How long an update may take to reach every subscriber (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(
            names = "--connect-parallelism",
            defaultValue = "32",
            description = "Connections opened at once (default: ${DEFAULT-VALUE})")
    int connectParallelism;

    @Option(
            names = "--subscribe-parallelism",
            defaultValue = "32",
            description = "Subscriptions awaiting their initial state at once (default: ${DEFAULT-VALUE})")
    int subscribeParallelism;

    /** Events sent to each new instance before the measured ones (checked for delivery, not measured). */
    private static final int UNMEASURED_EVENTS = 2;

    private static final int BASELINE_WARMUP = 20;
    private static final Map<String, String> TOGGLE = Map.of("type", "toggle");

    /** One event sent: when (nanoTime, just before the request), and the state and {@code ts} it answered. */
    private record Sent(long startedNanos, long ts, String state) {}

    /** One update as a subscriber got it. */
    private record Received(long arrivalNanos, long arrivalMillis, long ts, String state) {}

    /** What one subscriber count gave. */
    private record Run(
            int subscribers,
            int measuredEvents,
            int sentEvents,
            Latencies fromTs,
            Latencies fromSend,
            Latencies allReached,
            int missing,
            int subscribersMissing,
            int duplicates,
            int outOfOrder,
            int unexpected,
            int wrongState,
            List<String> otherMessages,
            String failure) {
        boolean failed() {
            return missing > 0 || outOfOrder > 0 || wrongState > 0 || failure != null;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (subscribers.isEmpty()
                || subscribers.stream().anyMatch(n -> n < 1)
                || events.isEmpty()
                || events.stream().anyMatch(k -> k < 1)
                || timeoutSeconds < 1
                || connectParallelism < 1
                || subscribeParallelism < 1) {
            System.err.println("need --subscribers and --events >= 1, --timeout-seconds >= 1 and"
                    + " --connect-parallelism, --subscribe-parallelism >= 1");
            return 2;
        }
        Path dataDir = Files.createTempDirectory("statebacked-bench-");
        System.out.println("statebacked bench realtime: starting a local stack in " + dataDir + " ...");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir));
                HttpClient sockets = HttpClient.newHttpClient()) {
            BenchApi api = new BenchApi(stack);
            String machine = api.deploy("bench-toggler", "/bench/toggler.js");
            if (warmupSeconds > 0) {
                warmUp(api, machine, sockets);
            }
            BenchApi.awaitQuietProcess();
            Latencies send = baseline(api, machine);
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < subscribers.size(); i++) {
                int k = events.get(Math.min(i, events.size() - 1));
                runs.add(measure(api, machine, sockets, subscribers.get(i), k));
            }
            print(send, runs);
            if (runs.stream().anyMatch(Run::failed)) {
                System.err.println("statebacked bench realtime: FAILED: updates missing, out of order or not"
                        + " delivered (above)");
                return 1;
            }
            return 0;
        } finally {
            BenchApi.deleteRecursively(dataDir);
        }
    }

    /** Events to a subscribed instance for {@code --warmup-seconds}, each awaited at every subscriber. */
    private void warmUp(BenchApi api, String machine, HttpClient sockets) throws InterruptedException {
        System.out.printf(
                "warming up for %d s (events to an instance with %d subscribers, not measured) ...%n",
                warmupSeconds, warmupSubscribers);
        String instance = "warmup";
        api.createInstance(machine, instance);
        try (Group group = Group.open(sockets, api.realtimeUri(), warmupSubscribers, connectParallelism)) {
            int missing = group.subscribe(machine, instance, subscribeParallelism, initialTimeout(warmupSubscribers));
            if (missing > 0) {
                System.err.printf(
                        "warm-up: %d of %d subscribers got no initial state within %d s%n",
                        missing,
                        warmupSubscribers,
                        initialTimeout(warmupSubscribers).toSeconds());
                group.printOtherMessages("warm-up");
                return;
            }
            long deadline =
                    System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
            int sent = 0;
            while (System.nanoTime() < deadline) {
                long ts = ts(api.send(machine, instance, TOGGLE));
                sent++;
                missing = group.await(ts, Duration.ofSeconds(timeoutSeconds));
                if (missing > 0) {
                    System.err.printf(
                            "warm-up: the update of event %d did not reach %d of %d subscribers within %d s;"
                                    + " warm-up stopped%n",
                            sent, missing, warmupSubscribers, timeoutSeconds);
                    group.printOtherMessages("warm-up");
                    return;
                }
            }
            System.out.printf("warm-up: %d events, each delivered to %d subscribers%n", sent, warmupSubscribers);
        }
    }

    /** Send-event round trips on an instance nobody subscribes to. */
    private Latencies baseline(BenchApi api, String machine) {
        String instance = "baseline";
        api.createInstance(machine, instance);
        long[] nanos = new long[baselineIterations];
        for (int i = -BASELINE_WARMUP; i < baselineIterations; i++) {
            long started = System.nanoTime();
            api.send(machine, instance, TOGGLE);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - started;
            }
        }
        return new Latencies(nanos);
    }

    private Run measure(BenchApi api, String machine, HttpClient sockets, int n, int measured)
            throws InterruptedException {
        String instance = "rt-" + n;
        api.createInstance(machine, instance);
        System.out.printf("%d subscribers: connecting and subscribing ...%n", n);
        try (Group group = Group.open(sockets, api.realtimeUri(), n, connectParallelism)) {
            Duration initialTimeout = initialTimeout(n);
            int missingInitial = group.subscribe(machine, instance, subscribeParallelism, initialTimeout);
            if (missingInitial > 0) {
                String failure = "%d of %d subscribers got no initial state within %d s"
                        .formatted(missingInitial, n, initialTimeout.toSeconds());
                System.err.println(n + " subscribers: " + failure);
                return analyze(n, measured, group, List.of(), failure);
            }
            try (var keepAlive = group.keepAlive()) {
                BenchApi.awaitQuietProcess();
            }
            System.out.printf("%d subscribers: sending %d events ...%n", n, UNMEASURED_EVENTS + measured);
            List<Sent> sent = new ArrayList<>();
            String failure = null;
            for (int e = 0; e < UNMEASURED_EVENTS + measured; e++) {
                long started = System.nanoTime();
                JsonNode answer = api.send(machine, instance, TOGGLE);
                long ts = ts(answer);
                sent.add(new Sent(started, ts, answer.path("state").toString()));
                int missing = group.await(ts, Duration.ofSeconds(timeoutSeconds));
                if (missing > 0) {
                    failure = "the update of event %d (ts %d) did not reach %d of %d subscribers within %d s"
                            .formatted(e + 1, ts, missing, n, timeoutSeconds);
                    System.err.println(n + " subscribers: " + failure + "; no more events sent");
                    break;
                }
            }
            Thread.sleep(1000); // late duplicates, if any, are counted too
            return analyze(n, measured, group, sent, failure);
        }
    }

    /**
     * Matches each subscriber's updates to the events by {@code ts} (each event's answer carries its transition's
     * {@code ts}; events are a round of deliveries apart, so no two share one).
     */
    private static Run analyze(int n, int measured, Group group, List<Sent> sent, String failure) {
        Map<Long, Integer> byTs = new HashMap<>();
        for (int e = 0; e < sent.size(); e++) {
            byTs.put(sent.get(e).ts(), e);
        }
        if (byTs.size() != sent.size() && failure == null) {
            failure = "two events answered the same ts";
        }
        long firstSend = sent.isEmpty() ? Long.MAX_VALUE : sent.getFirst().startedNanos();
        long[] lastArrival = new long[sent.size()];
        int[] reached = new int[sent.size()];
        List<Long> fromTs = new ArrayList<>();
        List<Long> fromSend = new ArrayList<>();
        int missing = 0, subscribersMissing = 0, duplicates = 0, outOfOrder = 0, unexpected = 0, wrongState = 0;
        List<String> others = new ArrayList<>();
        for (Subscriber s : group.members) {
            boolean[] seen = new boolean[sent.size()];
            int latest = -1;
            int initial = 0;
            for (Received u : s.updates()) {
                Integer e = byTs.get(u.ts());
                if (e == null) {
                    if (u.arrivalNanos() < firstSend) {
                        initial++;
                        if (initial > 1) {
                            duplicates++;
                        }
                    } else {
                        unexpected++;
                    }
                    continue;
                }
                if (seen[e]) {
                    duplicates++;
                    continue;
                }
                seen[e] = true;
                if (e < latest) {
                    outOfOrder++;
                }
                latest = Math.max(latest, e);
                Sent event = sent.get(e);
                if (!u.state().equals(event.state())) {
                    wrongState++;
                }
                reached[e]++;
                lastArrival[e] = Math.max(lastArrival[e], u.arrivalNanos());
                if (e >= UNMEASURED_EVENTS) {
                    fromTs.add((u.arrivalMillis() - u.ts()) * 1_000_000L);
                    fromSend.add(u.arrivalNanos() - event.startedNanos());
                }
            }
            int notSeen = 0;
            for (boolean b : seen) {
                notSeen += b ? 0 : 1;
            }
            missing += notSeen;
            subscribersMissing += notSeen > 0 ? 1 : 0;
            others.addAll(s.otherMessages());
        }
        List<Long> all = new ArrayList<>();
        for (int e = UNMEASURED_EVENTS; e < sent.size(); e++) {
            if (reached[e] == n) {
                all.add(lastArrival[e] - sent.get(e).startedNanos());
            }
        }
        return new Run(
                n,
                measured,
                sent.size(),
                latencies(fromTs),
                latencies(fromSend),
                latencies(all),
                missing,
                subscribersMissing,
                duplicates,
                outOfOrder,
                unexpected,
                wrongState,
                others,
                failure);
    }

    private void print(Latencies send, List<Run> runs) {
        System.out.println();
        System.out.printf(
                "send-event round trip, no subscribers (baseline): n %d, p50 %s ms, p99 %s ms%n",
                send.count(), ms(send.p50()), ms(send.p99()));
        System.out.println();
        String row = "%11s %8s %10s %9s %9s %9s %9s %9s %9s %11s %11s%n";
        System.out.printf(
                row,
                "subscribers",
                "events",
                "delivered",
                "ts p50",
                "ts p99",
                "send p50",
                "send p99",
                "all p50",
                "all p99",
                "ts p99/rt",
                "send p99/rt");
        for (Run run : runs) {
            System.out.printf(
                    row,
                    run.subscribers(),
                    run.measuredEvents(),
                    run.fromTs().count(),
                    ms(run.fromTs().p50()),
                    ms(run.fromTs().p99()),
                    ms(run.fromSend().p50()),
                    ms(run.fromSend().p99()),
                    ms(run.allReached().p50()),
                    ms(run.allReached().p99()),
                    ratio(run.fromTs().p99(), send.p99()),
                    ratio(run.fromSend().p99(), send.p99()));
        }
        System.out.println("(ms; ts: from the transition's ts to the arrival at a subscriber, millisecond clock;"
                + " send: from just before the event's send to the arrival; all: from the send until every"
                + " subscriber had it, one per event; rt: the baseline's send-event round trip p99)");
        System.out.println();
        for (Run run : runs) {
            System.out.printf(
                    "%d subscribers: %d events sent (%d unmeasured first), missing %d (on %d subscribers),"
                            + " duplicates %d, out of order %d, wrong state %d, unexpected %d, other messages %d%s%n",
                    run.subscribers(),
                    run.sentEvents(),
                    Math.min(UNMEASURED_EVENTS, run.sentEvents()),
                    run.missing(),
                    run.subscribersMissing(),
                    run.duplicates(),
                    run.outOfOrder(),
                    run.wrongState(),
                    run.unexpected(),
                    run.otherMessages().size(),
                    run.failure() == null ? "" : "; FAILED: " + run.failure());
            run.otherMessages().stream().distinct().limit(3).forEach(m -> System.out.println("  message: " + m));
        }
        runs.stream()
                .filter(r -> r.subscribers() == 100)
                .findFirst()
                .ifPresentOrElse(
                        run -> System.out.printf(
                                "goal: p99 for 100 subscribers < one send-event round trip (p50 %s ms): %s"
                                        + " (p99 from the transition's ts %s ms; from the event's send %s ms)%n",
                                ms(send.p50()),
                                !run.failed() && run.fromTs().p99() < send.p50() ? "met" : "not met",
                                ms(run.fromTs().p99()),
                                ms(run.fromSend().p99())),
                        () -> System.out.println(
                                "goal: p99 for 100 subscribers < one send-event round trip: not measured (no run"
                                        + " with 100 subscribers)"));
        System.out.printf(
                "(%d cores, load average %.1f, JDK %s)%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.version().feature());
    }

    private static Duration initialTimeout(int subscribers) {
        return Duration.ofSeconds(Math.max(30, subscribers / 10L));
    }

    private static long ts(JsonNode answer) {
        long ts = answer.path("ts").asLong();
        if (ts <= 0) {
            throw new IllegalStateException("the send-event answer carries no ts: " + answer);
        }
        return ts;
    }

    private static Latencies latencies(List<Long> nanos) {
        return new Latencies(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    private static String ms(double nanos) {
        return Double.isNaN(nanos) ? "-" : String.format("%.2f", nanos / 1e6);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) ? "-" : String.format("%.2fx", a / b);
    }

    /**
     * What the subscribers of one instance wait for: the first update whose {@code ts} is at least the target's.
     * Whichever sees a subscriber reach it first, its listener or the scan when the round starts, counts it.
     */
    private record Round(long targetTs, CountDownLatch reached) {
        void claim(Subscriber s) {
            if (s.maxTs >= targetTs) {
                long counted = s.countedTs.get();
                if (counted < targetTs && s.countedTs.compareAndSet(counted, targetTs)) {
                    reached.countDown();
                }
            }
        }
    }

    private interface KeepAlive extends AutoCloseable {
        @Override
        void close();
    }

    /** The connections subscribed to one instance. */
    private static final class Group implements AutoCloseable {
        final List<Subscriber> members = new ArrayList<>();
        volatile Round round;

        static Group open(HttpClient http, URI uri, int n, int parallelism) throws InterruptedException {
            Group group = new Group();
            Semaphore permits = new Semaphore(parallelism);
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Subscriber s = new Subscriber(group);
                group.members.add(s);
                permits.acquire();
                opening.add(http.newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(30))
                        .buildAsync(uri, s)
                        .whenComplete((socket, error) -> permits.release()));
            }
            try {
                for (int i = 0; i < n; i++) {
                    group.members.get(i).socket = opening.get(i).join();
                }
            } catch (RuntimeException e) {
                group.close();
                throw new IllegalStateException("could not open " + n + " connections on " + uri.getPath(), e);
            }
            return group;
        }

        /**
         * Subscribes every connection, at most {@code parallelism} awaiting their first answer at once (a client
         * library's burst of subscriptions is not what is measured here), then waits for every initial state;
         * answers how many got none within {@code timeout}.
         */
        int subscribe(String machine, String instance, int parallelism, Duration timeout) throws InterruptedException {
            long giveUpAt = System.nanoTime() + timeout.toNanos();
            Semaphore permits = new Semaphore(parallelism);
            for (int i = 0; i < members.size(); i++) {
                if (!permits.tryAcquire(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break; // those not subscribed are counted below
                }
                Subscriber s = members.get(i);
                s.answered.whenComplete((ignored, error) -> permits.release());
                s.socket
                        .sendText(
                                Json.write(Map.of(
                                        "type",
                                        "subscribe-to-instance",
                                        "machineName",
                                        machine,
                                        "machineInstanceName",
                                        instance,
                                        "requestId",
                                        "bench-" + i)),
                                true)
                        .join();
            }
            return await(1, Duration.ofNanos(Math.max(0, giveUpAt - System.nanoTime())));
        }

        /**
         * WebSocket pings every 10 s until closed: the local gateway (Jetty) closes a connection idle for 30 s,
         * and the wait for a quiet process after subscribing can be longer.
         */
        KeepAlive keepAlive() {
            ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
            pinger.scheduleAtFixedRate(
                    () -> members.forEach(
                            s -> s.socket.sendPing(ByteBuffer.allocate(0)).exceptionally(e -> null)),
                    10,
                    10,
                    TimeUnit.SECONDS);
            return pinger::shutdownNow;
        }

        /** Waits until every subscriber got an update of at least {@code targetTs}; how many did not in time. */
        int await(long targetTs, Duration timeout) throws InterruptedException {
            Round r = new Round(targetTs, new CountDownLatch(members.size()));
            round = r;
            for (Subscriber s : members) {
                r.claim(s);
            }
            r.reached().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return (int) r.reached().getCount();
        }

        void reached(Subscriber s) {
            Round r = round;
            if (r != null) {
                r.claim(s);
            }
        }

        void printOtherMessages(String what) {
            members.stream()
                    .flatMap(s -> s.otherMessages().stream())
                    .distinct()
                    .limit(3)
                    .forEach(m -> System.err.println(what + ": message: " + m));
        }

        /** Closes every connection, and waits (a few seconds at most) for the server to close its side. */
        @Override
        public void close() {
            for (Subscriber s : members) {
                s.closing = true;
            }
            for (Subscriber s : members) {
                if (s.socket != null) {
                    s.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
                }
            }
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            for (Subscriber s : members) {
                if (s.socket == null) {
                    continue;
                }
                try {
                    s.closed.get(Math.max(0, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    s.socket.abort();
                }
            }
        }
    }

    /** One connection: every message it gets, with its arrival time, taken before anything else is done. */
    private static final class Subscriber implements WebSocket.Listener {
        private final Group group;
        private final List<Received> updates = new ArrayList<>();
        private final List<String> others = new ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private long firstFrameNanos;
        private long firstFrameMillis;
        volatile long maxTs;
        final AtomicLong countedTs = new AtomicLong();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        /** Completed by the first message (the initial state, or an error). */
        final CompletableFuture<Void> answered = new CompletableFuture<>();

        volatile WebSocket socket;
        volatile boolean closing;

        Subscriber(Group group) {
            this.group = group;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (partial.isEmpty()) {
                firstFrameNanos = System.nanoTime();
                firstFrameMillis = System.currentTimeMillis();
            }
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(text, firstFrameNanos, firstFrameMillis);
            }
            webSocket.request(1);
            return null;
        }

        private void received(String text, long nanos, long millis) {
            try {
                classify(text, nanos, millis);
            } finally {
                answered.complete(null);
            }
        }

        private void classify(String text, long nanos, long millis) {
            JsonNode message;
            try {
                message = Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                other(text);
                return;
            }
            if (!"instance-update".equals(message.path("type").asText())) {
                other(text);
                return;
            }
            long ts = message.path("ts").asLong();
            synchronized (this) {
                updates.add(
                        new Received(nanos, millis, ts, message.path("state").toString()));
            }
            if (ts > maxTs) {
                maxTs = ts;
            }
            group.reached(this);
        }

        private synchronized void other(String text) {
            others.add(text);
        }

        synchronized List<Received> updates() {
            return List.copyOf(updates);
        }

        synchronized List<String> otherMessages() {
            return List.copyOf(others);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!closing) {
                other("(closed by the server: " + statusCode + " " + reason + ")");
            }
            answered.complete(null);
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!closing) {
                other("(connection error: " + error + ")");
            }
            answered.complete(null);
            closed.complete(-1);
        }
    }
}
