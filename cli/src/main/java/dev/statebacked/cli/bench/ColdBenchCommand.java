package dev.statebacked.cli.bench;

import dev.statebacked.json.Json;
import dev.statebacked.local.LocalStack;
import dev.statebacked.local.gateway.HttpApiEvents;
import dev.statebacked.local.lambda.FunctionConfig;
import dev.statebacked.local.lambda.InvocationResult;
import dev.statebacked.local.lambda.LambdaFunction;
import dev.statebacked.local.lambda.LambdaPayloads;
import dev.statebacked.local.lambda.TaskRoot;
import dev.statebacked.local.template.LocalResources;
import dev.statebacked.local.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code statebacked bench cold}: what a new Lambda execution environment costs, measured on the deployment
 * artifact under the runtime interface client (the local stack's Lambda mode), against a warm request of the same
 * run. Cold: from process start to the first answer, for a request without JavaScript (the API's health) and for
 * the first transition of a version the process has never seen (the processor creating an instance). Primed: the
 * first transition of a new version after the SnapStart hooks ran (what a restored snapshot sees; the snapshot
 * itself is not taken here, so restore time is not included).
 */
@Command(
        name = "cold",
        mixinStandardHelpOptions = true,
        description = "Cold starts of the functions as Lambda runs them, against a warm request.")
public final class ColdBenchCommand implements Callable<Integer> {
    @Option(
            names = "--trials",
            defaultValue = "3",
            description = "Cold starts measured per case (default: ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--warm", defaultValue = "30", description = "Warm events measured (default: ${DEFAULT-VALUE})")
    int warmEvents;

    @Option(
            names = "--priming-seconds",
            defaultValue = "10",
            description =
                    "How long the SnapStart hook primes the JS engine (default: ${DEFAULT-VALUE}, as template.yaml)")
    int primingSeconds;

    @Option(
            names = "--artifact",
            defaultValue = "${env:STATEBACKED_HOME:-.}/functions/target/statebacked-functions-lambda.zip",
            description = "The deployment artifact (default: ${DEFAULT-VALUE})")
    Path artifact;

    @Option(
            names = "--java-tool-options",
            description = "JAVA_TOOL_OPTIONS for the functions instead of template.yaml's (to compare JVM settings)")
    String javaToolOptions;

    private LocalStack stack;
    private BenchApi api;
    private Path taskRoot;
    private final LocalResources template = LocalResources.describe(SamTemplate.packaged());

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("statebacked-bench-");
        System.out.println("statebacked bench cold: " + trials + " cold starts per case, artifact " + artifact);
        try (LocalStack running = LocalStack.start(new LocalStack.Options(0, dataDir))) {
            stack = running;
            api = new BenchApi(stack);
            taskRoot = TaskRoot.unpack(artifact, dataDir.resolve("lambda"));
            List<Double> warm = new ArrayList<>();
            double[] noJs = trials(() -> coldHealth());
            double[] firstTransition = trials(() -> coldFirstTransition(warm));
            double[] primed = trials(() -> primedFirstTransition());
            double warmP50 =
                    percentile(warm.stream().mapToDouble(Double::doubleValue).toArray(), 50);
            System.out.printf("%n%-62s %10s %10s %10s%n", "measure (ms)", "median", "min", "ratio");
            row("cold: process start to first answer, no JS (API health)", noJs, warmP50);
            row("cold: process start to first transition of a new version", firstTransition, warmP50);
            row("primed (SnapStart hooks ran): first transition, new version", primed, warmP50);
            System.out.printf(
                    "%-62s %10.1f %10s %10s%n",
                    "warm: send event to the processor (p50, baseline)", warmP50, "", "1.0x");
            System.out.printf(
                    "%ngoals: primed first transition <= 300 ms: %s; unprimed first transition < 3000 ms: %s%n",
                    percentile(primed, 50) <= 300 ? "met" : "NOT met",
                    percentile(firstTransition, 50) < 3000 ? "met" : "NOT met");
            return 0;
        } finally {
            BenchApi.deleteRecursively(dataDir);
        }
    }

    private double coldHealth() {
        byte[] health = LambdaPayloads.httpEvent(HttpApiEvents.toEvent(
                new HttpApiEvents.RawRequest("GET", "/health", null, Map.of(), new byte[0], "127.0.0.1", "localhost")));
        long started = System.nanoTime();
        try (LambdaFunction function = function(LocalStack.API_FUNCTION, false)) {
            require(function.invoke(health));
            return millisSince(started);
        }
    }

    private double coldFirstTransition(List<Double> warm) {
        String machine = api.deploy("bench-cold-" + UUID.randomUUID().toString().substring(0, 8), "/bench/toggler.js");
        long started = System.nanoTime();
        try (LambdaFunction processor = function(LocalStack.PROCESSOR_FUNCTION, false)) {
            require(processor.invoke(create(machine, "i")));
            double cold = millisSince(started);
            for (int i = 0; i < warmEvents; i++) {
                long sent = System.nanoTime();
                require(processor.invoke(send(machine, "i", "toggle")));
                warm.add(millisSince(sent));
            }
            return cold;
        }
    }

    private double primedFirstTransition() {
        String machine =
                api.deploy("bench-primed-" + UUID.randomUUID().toString().substring(0, 8), "/bench/toggler.js");
        try (LambdaFunction processor = function(LocalStack.PROCESSOR_FUNCTION, true)) {
            processor.initialize();
            long started = System.nanoTime();
            require(processor.invoke(create(machine, "i")));
            return millisSince(started);
        }
    }

    private LambdaFunction function(String name, boolean snapStart) {
        Map<String, String> environment = new HashMap<>(stack.environmentOf(name));
        environment.put("STATEBACKED_PRIMING_SECONDS", Integer.toString(primingSeconds));
        if (javaToolOptions != null) {
            environment.put("JAVA_TOOL_OPTIONS", javaToolOptions);
        }
        return LambdaFunction.of(
                new FunctionConfig(
                        name,
                        template.handlerOf(name),
                        template.timeoutOf(name),
                        template.memorySizeOf(name),
                        snapStart,
                        environment,
                        taskRoot),
                1);
    }

    private byte[] create(String machine, String instance) {
        return command(Map.of("kind", "create", "machineName", machine, "instanceName", instance, "context", Map.of()));
    }

    private byte[] send(String machine, String instance, String event) {
        return command(Map.of(
                "kind", "send", "machineName", machine, "instanceName", instance, "event", Map.of("type", event)));
    }

    private byte[] command(Map<String, Object> fields) {
        Map<String, Object> command = new HashMap<>(fields);
        command.put("requestId", UUID.randomUUID().toString());
        command.put("orgId", stack.credentials().orgId());
        command.put("authContext", Map.of("sub", "bench"));
        return Json.write(command).getBytes(StandardCharsets.UTF_8);
    }

    private static void require(InvocationResult result) {
        if (result instanceof InvocationResult.Failure failure) {
            throw new IllegalStateException("the invocation failed: " + failure.describe());
        }
        String payload = new String(((InvocationResult.Success) result).payload(), StandardCharsets.UTF_8);
        if (payload.contains("\"refused\"")) {
            throw new IllegalStateException("the processor refused: " + payload);
        }
    }

    private double[] trials(Supplier<Double> trial) {
        double[] millis = new double[trials];
        for (int i = 0; i < trials; i++) {
            millis[i] = trial.get();
            System.out.printf("  %.0f ms%n", millis[i]);
        }
        return millis;
    }

    private static void row(String label, double[] millis, double warmP50) {
        double median = percentile(millis, 50);
        System.out.printf(
                "%-62s %10.1f %10.1f %9.1fx%n",
                label, median, Arrays.stream(millis).min().orElse(0), median / warmP50);
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }
}
