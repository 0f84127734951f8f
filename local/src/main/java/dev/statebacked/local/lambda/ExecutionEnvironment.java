package dev.statebacked.local.lambda;

import dev.statebacked.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lambda execution environment: a JVM of its own running the official runtime interface client on the
 * unpacked deployment artifact, against a {@link RuntimeApi} served here. It sees what Lambda gives a Java
 * function: {@code _HANDLER}, {@code AWS_LAMBDA_*}, {@code LAMBDA_TASK_ROOT}, the template's
 * {@code JAVA_TOOL_OPTIONS}, a heap bounded by the memory size, a home directory that cannot be written and one
 * writable temporary directory. One invocation at a time; a timed-out invocation ends the environment, as on
 * Lambda.
 */
final class ExecutionEnvironment implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExecutionEnvironment.class);
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final int OUTPUT_LINES_KEPT = 40;

    private final FunctionConfig function;
    private final String label;
    private final Process process;
    private final RuntimeApi runtimeApi;
    private final Path scratch;
    private final long startedNanos;
    private final Deque<String> lastOutput = new ArrayDeque<>();
    private volatile boolean usable = true;

    private ExecutionEnvironment(
            FunctionConfig function,
            String label,
            Process process,
            RuntimeApi runtimeApi,
            Path scratch,
            long startedNanos) {
        this.function = function;
        this.label = label;
        this.process = process;
        this.runtimeApi = runtimeApi;
        this.scratch = scratch;
        this.startedNanos = startedNanos;
    }

    /** Starts the JVM and waits for its init phase; an init that fails or outlasts the timeout is a failure. */
    static ExecutionEnvironment start(FunctionConfig function, String label, RuntimeClasspath runtime)
            throws InitFailedException {
        long started = System.nanoTime();
        RuntimeApi api = RuntimeApi.start(function.arn(REGION, ACCOUNT));
        Path scratch;
        Process process;
        try {
            scratch = Files.createTempDirectory("lambda-" + function.name() + "-");
            Path tmp = Files.createDirectory(scratch.resolve("tmp"));
            // a regular file as the parent: no one, root included, can create the home directory below it
            Path home = Files.writeString(scratch.resolve("no-home"), "").resolve("home");
            List<String> command = new ArrayList<>(List.of(
                    runtime.javaExecutable().toString(),
                    // what Lambda's Java launcher passes; the template adds JAVA_TOOL_OPTIONS
                    "-XX:MaxHeapSize=" + function.memoryMegabytes() * 85 / 100 + "m",
                    "-XX:+UseSerialGC",
                    "-Xshare:auto",
                    // Lambda's runtime routes the CRaC API to its own hook registry (SnapStart)
                    "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                    "-Djava.io.tmpdir=" + tmp,
                    "-Duser.home=" + home,
                    "-cp",
                    runtime.classpath(),
                    RUNTIME_MAIN,
                    function.handler()));
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(function.taskRoot().toFile());
            builder.environment().clear();
            builder.environment().putAll(environment(function, api, tmp, home));
            process = builder.start();
        } catch (IOException e) {
            api.close();
            throw new InitFailedException(new InvocationResult.Failure(
                    "Runtime.Unknown",
                    errorDocument("could not start the runtime: " + e.getMessage(), "Runtime.Unknown")));
        }
        ExecutionEnvironment environment = new ExecutionEnvironment(function, label, process, api, scratch, started);
        environment.pump(process.getInputStream());
        environment.pump(process.getErrorStream());
        environment.awaitInit();
        return environment;
    }

    private static Map<String, String> environment(FunctionConfig function, RuntimeApi api, Path tmp, Path home) {
        Map<String, String> env = new HashMap<>(function.environment());
        String taskRoot = function.taskRoot().toString();
        env.computeIfPresent("JAVA_TOOL_OPTIONS", (k, options) -> options.replace("/var/task", taskRoot));
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("_HANDLER", function.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot);
        env.put("LAMBDA_RUNTIME_DIR", taskRoot);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMegabytes()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + api.address());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.snapStart() ? "snap-start" : "on-demand");
        env.putIfAbsent("AWS_REGION", REGION);
        env.putIfAbsent("AWS_DEFAULT_REGION", env.get("AWS_REGION"));
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        return env;
    }

    /**
     * Lambda gives an on-demand init 10 s and then retries it within the first invocation's timeout; a SnapStart
     * init (hooks included) may take minutes. Locally: the timeout plus 10 s, or 5 minutes with SnapStart.
     */
    private Duration initBudget() {
        return function.snapStart() ? Duration.ofMinutes(5) : Duration.ofSeconds(function.timeoutSeconds() + 10L);
    }

    private void awaitInit() throws InitFailedException {
        CompletableFuture<Object> outcome =
                CompletableFuture.anyOf(runtimeApi.initialized(), runtimeApi.initFailure(), process.onExit());
        try {
            outcome.get(initBudget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail();
            throw new InitFailedException(new InvocationResult.Failure(
                    "Sandbox.Timedout",
                    errorDocument(
                            label + " init timed out after " + initBudget().toSeconds() + " s", "Sandbox.Timedout")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail();
            throw new InitFailedException(
                    new InvocationResult.Failure("Runtime.Unknown", errorDocument("interrupted", "Runtime.Unknown")));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        if (runtimeApi.initFailure().isDone()) {
            InvocationResult.Failure failure = runtimeApi.initFailure().join();
            fail();
            throw new InitFailedException(failure);
        }
        if (!process.isAlive()) {
            fail();
            throw new InitFailedException(exited());
        }
        log.info("{} ready in {} ms", label, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }

    /** Runs one invocation within the function's timeout. */
    InvocationResult invoke(byte[] payload) {
        long timeoutMillis = TimeUnit.SECONDS.toMillis(function.timeoutSeconds());
        RuntimeApi.Pending pending = runtimeApi.submit(payload, timeoutMillis);
        CompletableFuture<Object> outcome = CompletableFuture.anyOf(pending.outcome(), process.onExit());
        try {
            outcome.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail();
            return new InvocationResult.Failure(
                    "Sandbox.Timedout",
                    errorDocument(
                            pending.requestId() + " Task timed out after " + function.timeoutSeconds() + ".00 seconds",
                            "Sandbox.Timedout"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail();
            return new InvocationResult.Failure("Runtime.Unknown", errorDocument("interrupted", "Runtime.Unknown"));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        if (pending.outcome().isDone()) {
            InvocationResult result = pending.outcome().join();
            if (result instanceof InvocationResult.Failure && !process.isAlive()) {
                usable = false;
            }
            return result;
        }
        fail();
        return exited();
    }

    boolean usable() {
        return usable && process.isAlive();
    }

    private InvocationResult.Failure exited() {
        String message = "RequestId: " + label + " Error: Runtime exited with error: exit status " + process.exitValue()
                + "\n" + String.join("\n", recentOutput());
        return new InvocationResult.Failure("Runtime.ExitError", errorDocument(message, "Runtime.ExitError"));
    }

    /** The last lines the environment printed (what CloudWatch Logs would hold). */
    List<String> recentOutput() {
        synchronized (lastOutput) {
            return List.copyOf(lastOutput);
        }
    }

    private void fail() {
        usable = false;
        process.destroyForcibly();
    }

    private void pump(InputStream stream) {
        Thread.ofPlatform().daemon().name(label + "-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (lastOutput) {
                        if (lastOutput.size() == OUTPUT_LINES_KEPT) {
                            lastOutput.removeFirst();
                        }
                        lastOutput.addLast(line);
                    }
                    // what CloudWatch Logs would hold for this environment
                    System.out.println("[" + label + "] " + line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    static byte[] errorDocument(String message, String type) {
        var node = Json.MAPPER.createObjectNode().put("errorMessage", message).put("errorType", type);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        usable = false;
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runtimeApi.close();
        deleteQuietly(scratch);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    /** The environment could not be initialized; the failure is what Lambda reports to the invoker. */
    static final class InitFailedException extends Exception {
        private final InvocationResult.Failure failure;

        InitFailedException(InvocationResult.Failure failure) {
            super(failure.describe());
            this.failure = failure;
        }

        InvocationResult.Failure failure() {
            return failure;
        }
    }
}
