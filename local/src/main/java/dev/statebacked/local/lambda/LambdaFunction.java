package dev.statebacked.local.lambda;

import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function as the Lambda service runs it: invocations go to an idle execution environment, or to a new one
 * (a cold start) while fewer than {@code maxConcurrency} exist; beyond that they wait, as with reserved
 * concurrency. An environment that failed (timed out, crashed) is dropped and replaced by the next cold start.
 */
public final class LambdaFunction implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LambdaFunction.class);

    private final FunctionConfig config;
    private final RuntimeClasspath runtime;
    private final Semaphore concurrency;
    private final Deque<ExecutionEnvironment> idle = new ConcurrentLinkedDeque<>();
    private final Deque<ExecutionEnvironment> all = new ConcurrentLinkedDeque<>();
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean closed;

    private LambdaFunction(FunctionConfig config, RuntimeClasspath runtime, int maxConcurrency) {
        this.config = config;
        this.runtime = runtime;
        this.concurrency = new Semaphore(maxConcurrency, true);
    }

    public static LambdaFunction of(FunctionConfig config, int maxConcurrency) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        return new LambdaFunction(config, RuntimeClasspath.ofThisJvm(), maxConcurrency);
    }

    public String name() {
        return config.name();
    }

    public int timeoutSeconds() {
        return config.timeoutSeconds();
    }

    /** Starts one environment ahead of the first invocation, in the background (a provisioned one). */
    public void prewarm() {
        Thread.ofPlatform().daemon().name(config.name() + "-prewarm").start(() -> {
            try {
                ExecutionEnvironment environment = startEnvironment();
                if (closed) {
                    environment.close();
                } else {
                    idle.push(environment);
                }
            } catch (ExecutionEnvironment.InitFailedException e) {
                log.warn("{}: a prewarmed execution environment failed to start: {}", config.name(), e.getMessage());
            }
        });
    }

    /** Starts one execution environment now (its init phase, SnapStart hooks included) and keeps it idle. */
    public void initialize() {
        try {
            idle.push(startEnvironment());
        } catch (ExecutionEnvironment.InitFailedException e) {
            throw new IllegalStateException(config.name() + " failed to initialize: " + e.getMessage(), e);
        }
    }

    /** Invokes the function synchronously (RequestResponse), as API Gateway and event source mappings do. */
    public InvocationResult invoke(byte[] payload) {
        try {
            concurrency.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new InvocationResult.Failure(
                    "Runtime.Unknown",
                    ExecutionEnvironment.errorDocument("interrupted while throttled", "Runtime.Unknown"));
        }
        try {
            ExecutionEnvironment environment = takeIdle();
            if (environment == null) {
                try {
                    environment = startEnvironment();
                } catch (ExecutionEnvironment.InitFailedException e) {
                    return e.failure();
                }
            }
            InvocationResult result = environment.invoke(payload);
            if (environment.usable() && !closed) {
                idle.push(environment);
            } else {
                all.remove(environment);
                environment.close();
            }
            return result;
        } finally {
            concurrency.release();
        }
    }

    /** The last lines each live execution environment printed, as CloudWatch Logs would show them. */
    public List<String> recentOutput() {
        return all.stream()
                .flatMap(environment -> environment.recentOutput().stream())
                .toList();
    }

    /** The execution environments started so far (cold starts), failed ones included. */
    public int coldStarts() {
        return started.get();
    }

    private ExecutionEnvironment takeIdle() {
        ExecutionEnvironment environment;
        while ((environment = idle.poll()) != null) {
            if (environment.usable()) {
                return environment;
            }
            all.remove(environment);
            environment.close();
        }
        return null;
    }

    private ExecutionEnvironment startEnvironment() throws ExecutionEnvironment.InitFailedException {
        String label = config.name() + "#" + started.incrementAndGet();
        ExecutionEnvironment environment = ExecutionEnvironment.start(config, label, runtime);
        all.add(environment);
        return environment;
    }

    @Override
    public void close() {
        closed = true;
        ExecutionEnvironment environment;
        while ((environment = all.poll()) != null) {
            environment.close();
        }
        idle.clear();
    }
}
