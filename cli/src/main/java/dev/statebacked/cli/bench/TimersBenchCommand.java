package dev.statebacked.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.cli.bench.EventsBenchCommand.Latencies;
import dev.statebacked.local.LocalStack;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code statebacked bench timers}: how late durable timers fire, and whether every one fires exactly once. On a
 * fresh in-process local stack: a send-event round trip on a warm toggler instance as the baseline, then many
 * short delayed sends to self armed over HTTP on the timers machine, each recording its due time (read in the
 * arming transition) and its firing time (read in the firing transition) in the public context. Lateness is
 * {@code at - dueAt}, both read from the same clock, so neither the HTTP client nor polling enters it.
 */
@Command(
        name = "timers",
        mixinStandardHelpOptions = true,
        description = "Lateness of durable timers (delayed sends to self), and timers duplicated or missed.")
public final class TimersBenchCommand implements Callable<Integer> {
    @Option(names = "--timers", defaultValue = "500", description = "Timers to arm (default: ${DEFAULT-VALUE})")
    int timers;

    @Option(
            names = "--instances",
            defaultValue = "50",
            description = "Instances the timers are spread over (default: ${DEFAULT-VALUE})")
    int instances;

    @Option(names = "--min-delay-ms", defaultValue = "1000", description = "Shortest delay (default: ${DEFAULT-VALUE})")
    long minDelayMs;

    @Option(names = "--max-delay-ms", defaultValue = "5000", description = "Longest delay (default: ${DEFAULT-VALUE})")
    long maxDelayMs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the delays (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--threads",
            defaultValue = "10",
            description = "Client threads arming, each owning a share of the instances (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(
            names = "--grace-ms",
            defaultValue = "10000",
            description =
                    "How long after the last due time to wait for timers not seen yet (default: ${DEFAULT-VALUE})")
    long graceMs;

    @Option(
            names = "--send-iterations",
            defaultValue = "100",
            description = "Measured send-event round trips of the baseline (default: ${DEFAULT-VALUE})")
    int sendIterations;

    @Option(
            names = "--send-warmup",
            defaultValue = "30",
            description = "Unmeasured round trips before the baseline (default: ${DEFAULT-VALUE})")
    int sendWarmup;

    /** Polling only starts after the last due time, so it never competes with the firing it measures. */
    private static final long POLL_INTERVAL_MILLIS = 500;

    /**
     * Arms sent before the measured ones, on an instance of their own, to warm the arming path of the new version.
     * An hour is far past the run, so they never fire into the measurement (the stack and its data go with it).
     */
    private static final int ARM_WARMUP = 20;

    private static final long WARMUP_DELAY_MILLIS = Duration.ofHours(1).toMillis();

    private record Timer(int n, String instance, long delayMs) {}

    /** A timer whose arm event was answered 200: from then on it must fire exactly once. */
    private record Armed(Timer timer, long answeredAtMillis, long roundTripNanos) {}

    /** What one client thread armed, and the arms that were answered with an error. */
    private record Share(List<Armed> armed, List<String> failures) {}

    private record Arming(List<Armed> armed, List<String> failures, Duration elapsed, long endedAtMillis) {}

    /** One entry of an instance's {@code publicContext.fired}, or one fire transition of its history. */
    private record Fired(String instance, int n, long dueAt, long at) {
        long latenessMillis() {
            return at - dueAt;
        }
    }

    private record Outcome(
            List<Fired> fired,
            List<Fired> firsts,
            int duplicates,
            int unexpected,
            int missed,
            long lastPollAfterMillis) {}

    @Override
    public Integer call() throws Exception {
        if (timers < 1 || instances < 1 || threads < 1 || minDelayMs < 0 || maxDelayMs < minDelayMs) {
            System.err.println("need --timers, --instances, --threads >= 1 and 0 <= --min-delay-ms <= --max-delay-ms");
            return 2;
        }
        Path dataDir = Files.createTempDirectory("statebacked-bench-");
        System.out.println("statebacked bench timers: starting a local stack in " + dataDir + " ...");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            BenchApi api = new BenchApi(stack);
            Latencies send = sendBaseline(api);
            String machine = api.deploy("bench-timers", "/bench/timers.js");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                names.add(String.format("t%03d", i));
                api.createInstance(machine, names.getLast());
            }
            api.createInstance(machine, "warmup");
            for (int i = 0; i < ARM_WARMUP; i++) {
                api.send(
                        machine,
                        "warmup",
                        Map.of("type", "armAll", "timers", List.of(Map.of("n", -1 - i, "delay", WARMUP_DELAY_MILLIS))));
            }
            List<Timer> plan = plan(names);
            System.out.printf(
                    "arming %d timers (%d-%d ms) on %d instances ...%n", timers, minDelayMs, maxDelayMs, instances);
            Arming arming = arm(api, machine, plan);
            Outcome outcome = await(api, machine, names, arming);
            List<Fired> history = history(api, machine, names);
            print(send, arming, outcome, history);
            if (outcome.duplicates()
                            + outcome.unexpected()
                            + outcome.missed()
                            + arming.failures().size()
                    > 0) {
                System.err.println("statebacked bench timers: FAILED: timers duplicated, missed or not armed (above)");
                return 1;
            }
            return 0;
        } finally {
            BenchApi.deleteRecursively(dataDir);
        }
    }

    /** The round trip of one event on a warm instance, measured before any timer exists. */
    private Latencies sendBaseline(BenchApi api) {
        String machine = api.deploy("bench-toggler", "/bench/toggler.js");
        api.createInstance(machine, "warm");
        long[] nanos = new long[sendIterations];
        for (int i = -sendWarmup; i < sendIterations; i++) {
            long started = System.nanoTime();
            api.send(machine, "warm", Map.of("type", "toggle"));
            if (i >= 0) {
                nanos[i] = System.nanoTime() - started;
            }
        }
        return new Latencies(nanos);
    }

    /** Timer n goes to instance n mod instances, with a delay drawn uniformly from [min, max] by the seed. */
    private List<Timer> plan(List<String> names) {
        Random random = new Random(seed);
        List<Timer> plan = new ArrayList<>();
        for (int n = 0; n < timers; n++) {
            plan.add(new Timer(
                    n, names.get(n % names.size()), minDelayMs + random.nextLong(maxDelayMs - minDelayMs + 1)));
        }
        return plan;
    }

    /**
     * Thread t owns the instances i with i mod threads = t and arms all timers of each with one event: no two threads
     * ever wait on one instance's lease, and arming is over long before most timers are due.
     */
    private Arming arm(BenchApi api, String machine, List<Timer> plan) throws Exception {
        int poolSize = Math.min(threads, instances);
        long started = System.nanoTime();
        List<Future<Share>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(poolSize)) {
            for (int t = 0; t < poolSize; t++) {
                int thread = t;
                Map<String, List<Timer>> mine = new LinkedHashMap<>();
                plan.stream()
                        .filter(p -> (p.n() % instances) % poolSize == thread)
                        .forEach(p -> mine.computeIfAbsent(p.instance(), k -> new ArrayList<>())
                                .add(p));
                results.add(pool.submit(() -> {
                    List<Armed> armed = new ArrayList<>();
                    List<String> failures = new ArrayList<>();
                    // one event per instance arms all of its timers: arming takes a moment, not minutes, so the
                    // timers fire on a stack that does nothing else
                    mine.forEach((instance, timersOfInstance) -> {
                        long sent = System.nanoTime();
                        List<Map<String, Object>> spec = timersOfInstance.stream()
                                .map(timer -> Map.<String, Object>of("n", timer.n(), "delay", timer.delayMs()))
                                .toList();
                        try {
                            api.send(machine, instance, Map.of("type", "armAll", "timers", spec));
                            long answered = System.currentTimeMillis();
                            long trip = System.nanoTime() - sent;
                            timersOfInstance.forEach(timer -> armed.add(new Armed(timer, answered, trip)));
                        } catch (RuntimeException e) {
                            failures.add("arm " + timersOfInstance.size() + " timers on " + instance + ": "
                                    + e.getMessage());
                        }
                    });
                    return new Share(armed, failures);
                }));
            }
            List<Armed> armed = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (Future<Share> result : results) {
                armed.addAll(result.get().armed());
                failures.addAll(result.get().failures());
            }
            return new Arming(
                    armed, failures, Duration.ofNanos(System.nanoTime() - started), System.currentTimeMillis());
        }
    }

    /** Waits out the last due time, then polls the public contexts until every armed timer is seen or grace ends. */
    private Outcome await(BenchApi api, String machine, List<String> names, Arming arming) throws InterruptedException {
        // the arming transition ran before its answer came back, so this bounds every due time from above
        long lastDue = arming.armed().stream()
                .mapToLong(a -> a.answeredAtMillis() + a.timer().delayMs())
                .max()
                .orElse(System.currentTimeMillis());
        long deadline = lastDue + graceMs;
        Thread.sleep(Math.max(0, lastDue - System.currentTimeMillis()));
        while (true) {
            List<Fired> fired = new ArrayList<>();
            for (String name : names) {
                fired.addAll(firedOf(api.get(machine, name), name));
            }
            Outcome outcome = outcome(arming, fired, System.currentTimeMillis() - lastDue);
            if (outcome.missed() == 0 || System.currentTimeMillis() >= deadline) {
                return outcome;
            }
            Thread.sleep(POLL_INTERVAL_MILLIS);
        }
    }

    private static List<Fired> firedOf(JsonNode instance, String name) {
        List<Fired> fired = new ArrayList<>();
        for (JsonNode entry : instance.path("publicContext").path("fired")) {
            fired.add(new Fired(
                    name,
                    entry.path("n").asInt(),
                    entry.path("dueAt").asLong(),
                    entry.path("at").asLong()));
        }
        return fired;
    }

    private static Outcome outcome(Arming arming, List<Fired> fired, long afterLastDue) {
        Map<String, Map<Integer, Fired>> firstByInstance = new HashMap<>();
        int duplicates = 0;
        for (Fired f : fired) {
            Fired earlier = firstByInstance
                    .computeIfAbsent(f.instance(), k -> new HashMap<>())
                    .putIfAbsent(f.n(), f);
            if (earlier != null) {
                duplicates++;
            }
        }
        List<Fired> firsts = new ArrayList<>();
        int missed = 0;
        for (Armed a : arming.armed()) {
            Fired first = firstByInstance
                    .getOrDefault(a.timer().instance(), Map.of())
                    .remove(a.timer().n());
            if (first == null) {
                missed++;
            } else {
                firsts.add(first);
            }
        }
        // whatever is left was never armed there (or its arm was answered with an error)
        int unexpected = firstByInstance.values().stream().mapToInt(Map::size).sum();
        return new Outcome(fired, firsts, duplicates, unexpected, missed, afterLastDue);
    }

    /** The same figures from the transition history: lateness up to the write of the fire transition. */
    private static List<Fired> history(BenchApi api, String machine, List<String> names) {
        List<Fired> fires = new ArrayList<>();
        for (String name : names) {
            String cursor = null;
            do {
                JsonNode page = api.history(machine, name, cursor);
                for (JsonNode transition : page.path("transitions")) {
                    JsonNode event = transition.path("event");
                    if ("fire".equals(event.path("type").asText())) {
                        fires.add(new Fired(
                                name,
                                event.path("n").asInt(),
                                event.path("dueAt").asLong(),
                                Instant.parse(transition.path("createdAt").asText())
                                        .toEpochMilli()));
                    }
                }
                cursor = page.hasNonNull("cursor") ? page.path("cursor").asText() : null;
            } while (cursor != null);
        }
        return fires;
    }

    private void print(Latencies send, Arming arming, Outcome outcome, List<Fired> history) {
        // one round trip per arming event (every timer of an instance shares its event's)
        Latencies armTrips = new Latencies(arming.armed().stream()
                .collect(java.util.stream.Collectors.toMap(
                        a -> a.timer().instance(), Armed::roundTripNanos, (a, b) -> a))
                .values()
                .stream()
                .mapToLong(Long::longValue)
                .toArray());
        Latencies lateness = lateness(outcome.firsts());
        Latencies historyLateness = lateness(history);
        // timers due while arms still came in fired on a busier stack than the ones due after the last arm
        Latencies afterArming = lateness(outcome.firsts().stream()
                .filter(f -> f.dueAt() >= arming.endedAtMillis())
                .toList());
        long dueWhileArming = outcome.firsts().size() - afterArming.count();
        String row = "%-55s %6s %9s %9s %9s%n";
        System.out.println();
        System.out.printf(row, "measure", "n", "p50 ms", "p99 ms", "max ms");
        System.out.printf(
                row,
                "baseline: send event over HTTP, warm toggler",
                send.count(),
                ms(send.p50()),
                ms(send.p99()),
                ms(max(send)));
        System.out.printf(
                row,
                "arm event (all timers of an instance), %d threads".formatted(Math.min(threads, instances)),
                armTrips.count(),
                ms(armTrips.p50()),
                ms(armTrips.p99()),
                ms(max(armTrips)));
        System.out.printf(
                row,
                "lateness: fire at - dueAt (publicContext)",
                lateness.count(),
                ms(lateness.p50()),
                ms(lateness.p99()),
                ms(max(lateness)));
        System.out.printf(
                row,
                "lateness: of those, due after arming ended",
                afterArming.count(),
                ms(afterArming.p50()),
                ms(afterArming.p99()),
                ms(max(afterArming)));
        System.out.printf(
                row,
                "lateness: history createdAt - dueAt",
                historyLateness.count(),
                ms(historyLateness.p50()),
                ms(historyLateness.p99()),
                ms(max(historyLateness)));
        System.out.printf(
                row,
                "ratio lateness / send",
                "",
                ratio(lateness.p50(), send.p50()),
                ratio(lateness.p99(), send.p99()),
                "");
        System.out.printf(
                "arming: %d timers on %d instances in %d ms (%.0f arms/s); shortest delay %d ms, %d timers"
                        + " came due before arming ended%n",
                arming.armed().size(),
                instances,
                arming.elapsed().toMillis(),
                arming.armed().size() * 1e9 / arming.elapsed().toNanos(),
                minDelayMs,
                dueWhileArming);
        System.out.printf(
                "timers: armed %d, fired %d, duplicates %d, missed %d%s; min lateness %s ms; last poll %.1f s after"
                        + " the last due time%n",
                arming.armed().size(),
                outcome.fired().size(),
                outcome.duplicates(),
                outcome.missed(),
                outcome.unexpected() > 0 ? ", never armed " + outcome.unexpected() : "",
                ms(lateness.count() == 0 ? Double.NaN : lateness.nanos()[0]),
                outcome.lastPollAfterMillis() / 1000.0);
        if (history.size() != outcome.fired().size()) {
            System.out.printf(
                    "history: %d fire transitions, publicContext: %d entries%n",
                    history.size(), outcome.fired().size());
        }
        arming.failures().stream().limit(5).forEach(f -> System.out.println("failed: " + f));
        System.out.printf(
                "(%d cores, load average %.1f, JDK %s)%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.version().feature());
    }

    private static Latencies lateness(List<Fired> fired) {
        return new Latencies(
                fired.stream().mapToLong(f -> f.latenessMillis() * 1_000_000).toArray());
    }

    private static double max(Latencies latencies) {
        return latencies.count() == 0 ? Double.NaN : latencies.nanos()[latencies.count() - 1];
    }

    private static String ratio(double a, double b) {
        return String.format("%.1fx", a / b);
    }

    private static String ms(double nanos) {
        return String.format("%.2f", nanos / 1e6);
    }
}
