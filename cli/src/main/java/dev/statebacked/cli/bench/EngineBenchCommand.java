package dev.statebacked.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statebacked.engine.EngineSettings;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.engine.MachineSession;
import dev.statebacked.engine.MachineVersion;
import dev.statebacked.engine.PersistedState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `statebacked bench engine`: the same machines, on the same XState file, in our engine and in Node.js.
 * Per event both sides do the work of a real event: parse the stored state, restore it, transition, serialize.
 * Then what isolating instances from each other costs: events each in a session of its own (as events of
 * different instances are: the warm context is put back to its pristine state after each), against events in
 * one session, and against a fresh context per event.
 */
@Command(
        name = "engine",
        mixinStandardHelpOptions = true,
        description = "Transitions per second of the machine engine vs Node.js on the same XState build.")
public final class EngineBenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCES = "/dev/statebacked/cli/bench/";

    /** Bench machines and the event each one receives over and over. */
    private record BenchMachine(String name, String description, String eventType) {}

    private static final List<BenchMachine> MACHINES = List.of(
            new BenchMachine("toggler", "toggler (2 states)", "TOGGLE"),
            new BenchMachine("workflow", "20-state workflow, guards + assigns", "NEXT"),
            new BenchMachine("bigcontext", "100 KB context, assign", "UPDATE"));

    @Option(
            names = "--seconds",
            defaultValue = "5",
            description = "Measured seconds per machine and runtime. Default: ${DEFAULT-VALUE}")
    double seconds;

    @Option(
            names = "--warmup",
            defaultValue = "10",
            description =
                    "Warm-up seconds per machine and runtime before measuring (GraalJS compiles hot code in the background). Default: ${DEFAULT-VALUE}")
    double warmup;

    @Option(names = "--node", defaultValue = "node", description = "Node.js executable. Default: ${DEFAULT-VALUE}")
    String node;

    @Option(names = "--no-node", description = "Only run the engine side.")
    boolean noNode;

    @Option(
            names = "--machine",
            split = ",",
            description = "Only these machines (toggler, workflow, bigcontext). Default: all.")
    List<String> only;

    private List<BenchMachine> machines() {
        return only == null || only.isEmpty()
                ? MACHINES
                : MACHINES.stream().filter(m -> only.contains(m.name())).toList();
    }

    private record Result(double transitionsPerSecond, double coldMs) {}

    /** Events per second when each event has a session of its own, on a pooled context and on a fresh one. */
    private record Isolation(double pooledSessionsPerSecond, double freshContextsPerSecond) {}

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("statebacked-bench");
        try {
            long t0 = System.nanoTime();
            // one session lasts the whole measurement, far longer than an event and its settling: no memory budget
            try (MachineEngine engine =
                    MachineEngine.create(EngineSettings.defaults().withMemoryPerSession(Long.MAX_VALUE))) {
                double engineStartMs = (System.nanoTime() - t0) / 1e6;
                System.out.printf(
                        "engine: GraalJS %s, mode: %s, JVM %s%n",
                        engine.implementationName(),
                        engine.jitEnabled()
                                ? "JIT (Graal optimizing compiler)"
                                : "interpreter (no optimizing compiler on this JVM)",
                        Runtime.version());
                Map<String, Result> ours = new LinkedHashMap<>();
                Map<String, Isolation> isolation = new LinkedHashMap<>();
                double firstEverMs = -1;
                for (BenchMachine m : machines()) {
                    long c0 = System.nanoTime();
                    MachineVersion v = engine.machine("bench-" + m.name(), resource(m.name() + ".mjs"));
                    try (MachineSession s = v.openSession()) {
                        PersistedState state = s.initialState(null).state();
                        JsonNode event = JSON.createObjectNode()
                                .put("type", m.eventType())
                                .put("by", "bench");
                        state = s.transition(state, event).state();
                        double coldMs = (System.nanoTime() - c0) / 1e6;
                        if (firstEverMs < 0) firstEverMs = coldMs + engineStartMs;
                        ours.put(m.name(), new Result(measure(s, state, event), coldMs));
                    }
                    isolation.put(m.name(), new Isolation(eventsInOwnSessions(v, m, warmup), measureFreshContexts(m)));
                }
                Map<String, Result> theirs = noNode ? Map.of() : runNode(dir);
                print(ours, theirs);
                printIsolation(ours, isolation);
                System.out.printf(
                        "%ncold: creating the engine + first transition of the first version in this process: %.0f ms%n",
                        firstEverMs);
                System.out.println(
                        "cold (new version) = load + validate a version in a warm engine, then initial state + first transition.");
            }
            return 0;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Warm up, then count transitions, each from the stored JSON form like a real event. */
    private double measure(MachineSession s, PersistedState state, JsonNode event) {
        long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < warmEnd) state = step(s, state, event);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long n = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10; i++) state = step(s, state, event);
            n += 10;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** The alternative to resetting a context: a new one for every event (an engine that keeps no idle contexts). */
    private double measureFreshContexts(BenchMachine m) throws IOException {
        try (MachineEngine fresh =
                MachineEngine.create(EngineSettings.defaults().withIdleContextsPerVersion(0))) {
            return eventsInOwnSessions(
                    fresh.machine("bench-fresh-" + m.name(), resource(m.name() + ".mjs")), m, Math.min(warmup, 3));
        }
    }

    /**
     * Events per second when each event opens a session of its own (on a pooled context, reset to pristine between
     * sessions), after {@code warmupSeconds} of the same.
     */
    private double eventsInOwnSessions(MachineVersion v, BenchMachine m, double warmupSeconds) {
        JsonNode event = JSON.createObjectNode().put("type", m.eventType()).put("by", "bench");
        PersistedState state;
        try (MachineSession s = v.openSession()) {
            state = s.initialState(null).state();
        }
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmEnd) state = ownSessionStep(v, state, event);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long n = 0;
        while (System.nanoTime() < end) {
            state = ownSessionStep(v, state, event);
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static PersistedState ownSessionStep(MachineVersion v, PersistedState stored, JsonNode event) {
        try (MachineSession s = v.openSession()) {
            return step(s, stored, event);
        }
    }

    private void printIsolation(Map<String, Result> ours, Map<String, Isolation> isolation) {
        System.out.printf("%nisolation between instances: events per second, each event in a session of its own%n");
        System.out.printf(
                "%-40s %14s %16s %14s %16s %14s%n",
                "machine", "one session", "pristine reset", "reset/one", "fresh context", "reset/fresh");
        for (BenchMachine m : machines()) {
            double one = ours.get(m.name()).transitionsPerSecond();
            Isolation i = isolation.get(m.name());
            System.out.printf(
                    "%-40s %14.0f %16.0f %14.2f %16.0f %14.1f%n",
                    m.description(),
                    one,
                    i.pooledSessionsPerSecond(),
                    i.pooledSessionsPerSecond() / one,
                    i.freshContextsPerSecond(),
                    i.pooledSessionsPerSecond() / i.freshContextsPerSecond());
        }
    }

    private static PersistedState step(MachineSession s, PersistedState stored, JsonNode event) {
        String json = stored.toJsonString(); // what the host reads back from storage
        return s.transition(PersistedState.fromJson(json), event).state();
    }

    private Map<String, Result> runNode(Path dir) throws IOException, InterruptedException {
        try (InputStream in = MachineEngine.class.getResourceAsStream("/dev/statebacked/engine/js/xstate.mjs")) {
            Files.write(dir.resolve("xstate.mjs"), in.readAllBytes());
        }
        Files.writeString(dir.resolve("node-bench.mjs"), resource("node-bench.mjs"));
        List<String> cmd = new ArrayList<>(List.of(
                node,
                dir.resolve("node-bench.mjs").toString(),
                dir.toString(),
                Double.toString(seconds),
                Double.toString(warmup)));
        for (BenchMachine m : machines()) {
            // the same module, importing the same XState file
            Files.writeString(
                    dir.resolve(m.name() + ".node.mjs"),
                    resource(m.name() + ".mjs").replace("from \"xstate\"", "from \"./xstate.mjs\""));
            cmd.add(m.name() + ":" + m.eventType());
        }
        Process p;
        try {
            p = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            System.out.println("node: not found (" + e.getMessage() + "); skipping the Node.js side");
            return Map.of();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            System.out.println("node: failed (exit " + p.exitValue() + "); skipping the Node.js side");
            return Map.of();
        }
        JsonNode root = JSON.readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
        System.out.println("node: " + root.path("node").asText());
        Map<String, Result> results = new LinkedHashMap<>();
        root.path("results")
                .properties()
                .forEach(e -> results.put(
                        e.getKey(),
                        new Result(
                                e.getValue().path("transitionsPerSecond").asDouble(),
                                e.getValue().path("coldMs").asDouble())));
        return results;
    }

    private void print(Map<String, Result> ours, Map<String, Result> theirs) {
        System.out.printf(
                "%n%-40s %14s %14s %10s %16s %14s%n",
                "machine", "engine tr/s", "node tr/s", "engine/node", "engine cold ms", "node cold ms");
        for (BenchMachine m : machines()) {
            Result o = ours.get(m.name());
            Result n = theirs.get(m.name());
            System.out.printf(
                    "%-40s %14.0f %14s %10s %16.1f %14s%n",
                    m.description(),
                    o.transitionsPerSecond(),
                    n == null ? "-" : String.format("%.0f", n.transitionsPerSecond()),
                    n == null ? "-" : String.format("%.2f", o.transitionsPerSecond() / n.transitionsPerSecond()),
                    o.coldMs(),
                    n == null ? "-" : String.format("%.1f", n.coldMs()));
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EngineBenchCommand.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) throw new IOException("missing bench resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
