package dev.statebacked.local.lambda;

import static dev.statebacked.testing.Deployments.freshName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.json.Json;
import dev.statebacked.local.LocalStack;
import dev.statebacked.local.template.LocalResources;
import dev.statebacked.local.template.SamTemplate;
import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.MachineInstances;
import dev.statebacked.testing.RunningLambdaStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment artifact starts under the official runtime interface client, which loads it the way Lambda's
 * Java runtime does (classes from the task root, jars from lib/, its own class loader), and the local Lambda
 * reports what Lambda reports: init errors, function errors, timeouts.
 */
class ExecutionEnvironmentTest {
    private static final LocalStack stack = RunningLambdaStack.get();

    @TempDir
    static Path work;

    @Test
    void everyFunctionOfTheTemplateInitializesFromTheArtifactAndAnswersItsSampleEvent() throws Exception {
        try (LambdaFunction api = function(LocalStack.API_FUNCTION, stack.apiEnvironment(), 29);
                LambdaFunction worker = function(
                        LocalStack.QUEUE_WORKER_FUNCTION, stack.environmentOf(LocalStack.QUEUE_WORKER_FUNCTION), 100);
                LambdaFunction processor = function(
                        LocalStack.PROCESSOR_FUNCTION, stack.environmentOf(LocalStack.PROCESSOR_FUNCTION), 100)) {
            InvocationResult health = api.invoke(Files.readAllBytes(Path.of("..", "events", "api-health.json")));
            InvocationResult timer =
                    worker.invoke(Files.readAllBytes(Path.of("..", "events", "queue-worker-timer.json")));
            InvocationResult missing = processor.invoke(("{\"kind\":\"send\",\"requestId\":\"r1\",\"orgId\":\""
                            + stack.credentials().orgId() + "\",\"authContext\":{},\"machineName\":\"no-such-machine\","
                            + "\"instanceName\":\"i\",\"event\":{\"type\":\"x\"}}")
                    .getBytes(StandardCharsets.UTF_8));

            assertThat(health)
                    .isInstanceOfSatisfying(
                            InvocationResult.Success.class,
                            s -> assertThat(LambdaPayloads.httpResponse(s.payload())
                                            .getStatusCode())
                                    .isEqualTo(200));
            assertThat(api.recentOutput())
                    .as("Truffle finds a writable cache (/tmp) for its native library, so the "
                            + "optimized runtime runs and no warning is printed at a cold start")
                    .noneMatch(line -> line.contains("Truffle") || line.contains("WARNING"));
            assertThat(timer)
                    .isInstanceOfSatisfying(
                            InvocationResult.Success.class,
                            s -> assertThat(LambdaPayloads.batchResponse(s.payload())
                                            .getBatchItemFailures())
                                    .isEmpty());
            assertThat(missing)
                    .as("a refusal is the processor's answer, not a function error")
                    .isInstanceOfSatisfying(
                            InvocationResult.Success.class,
                            s -> assertThat(Json.readStored(new String(s.payload(), StandardCharsets.UTF_8))
                                            .path("refused")
                                            .path("failure")
                                            .asText())
                                    .isEqualTo("not-found"));
        }
    }

    @Test
    void aHandlerThatFailsAtInitIsReportedAsAnInitErrorAndTheEnvironmentIsGone() {
        Map<String, String> broken = new HashMap<>(stack.apiEnvironment());
        broken.remove("STATEBACKED_TABLE");
        try (LambdaFunction api = function(LocalStack.API_FUNCTION, broken, 29)) {
            InvocationResult result = api.invoke("{}".getBytes(StandardCharsets.UTF_8));

            assertThat(result).isInstanceOfSatisfying(InvocationResult.Failure.class, failure -> {
                assertThat(failure.describe()).contains("STATEBACKED_TABLE");
                assertThat(failure.errorType()).startsWith("Runtime.");
            });
            api.invoke("{}".getBytes(StandardCharsets.UTF_8));
            assertThat(api.coldStarts())
                    .as("each invocation tries the init again, as Lambda does")
                    .isEqualTo(2);
        }
    }

    @Test
    void anInvocationThatOutlastsTheTimeoutIsEndedAndReportedAsTimedOut() {
        ApiClient admin = RunningLambdaStack.adminClient();
        MachineInstances slow =
                new MachineInstances(admin, Deployments.machineWithCurrentVersion(admin, "slow-service.js"));
        String name = freshName("timeout");
        slow.created(name, null);
        try (LambdaFunction processor =
                function(LocalStack.PROCESSOR_FUNCTION, stack.environmentOf(LocalStack.PROCESSOR_FUNCTION), 3)) {
            InvocationResult result = processor.invoke(("{\"kind\":\"send\",\"requestId\":\"r2\",\"orgId\":\""
                            + stack.credentials().orgId() + "\",\"authContext\":{},\"machineName\":\"" + slow.machine()
                            + "\",\"instanceName\":\"" + name + "\",\"event\":{\"type\":\"wait\",\"ms\":20000}}")
                    .getBytes(StandardCharsets.UTF_8));

            assertThat(result).isInstanceOfSatisfying(InvocationResult.Failure.class, failure -> {
                assertThat(failure.errorType()).isEqualTo("Sandbox.Timedout");
                assertThat(failure.describe()).contains("Task timed out after 3.00 seconds");
            });
        }
    }

    @Test
    void aShadedJarUnpackedIntoTheTaskRootFailsAtInitAsItDidOnLambda() throws Exception {
        // the layout this project deployed before: every dependency's classes merged at the root, no lib/
        Path artifactRoot = TaskRoot.unpack(RunningLambdaStack.ARTIFACT, work);
        Path shaded = Files.createDirectories(work.resolve("shaded"));
        try (var paths = Files.walk(artifactRoot)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                Path relative = artifactRoot.relativize(file);
                if (relative.startsWith("lib") && file.toString().endsWith(".jar")) {
                    unzipInto(file, shaded);
                } else if (!relative.startsWith("lib")) {
                    Files.createDirectories(shaded.resolve(relative).getParent());
                    Files.copy(file, shaded.resolve(relative), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        LocalResources resources = LocalResources.describe(SamTemplate.packaged());
        try (LambdaFunction api = LambdaFunction.of(
                new FunctionConfig(
                        LocalStack.API_FUNCTION,
                        resources.handlerOf(LocalStack.API_FUNCTION),
                        29,
                        2048,
                        false,
                        stack.apiEnvironment(),
                        shaded),
                1)) {
            InvocationResult result = api.invoke(Files.readAllBytes(Path.of("..", "events", "api-health.json")));

            assertThat(result)
                    .isInstanceOfSatisfying(
                            InvocationResult.Failure.class,
                            failure -> assertThat(failure.describe()).contains("Multi-Release"));
        }
    }

    private static void unzipInto(Path jar, Path root) throws java.io.IOException {
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            for (var entry : java.util.Collections.list(zip.entries())) {
                Path target = root.resolve(entry.getName()).normalize();
                if (entry.isDirectory() || !target.startsWith(root) || Files.exists(target)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (var in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
    }

    private static LambdaFunction function(String name, Map<String, String> environment, int timeoutSeconds) {
        LocalResources resources = LocalResources.describe(SamTemplate.packaged());
        Path taskRoot = TaskRoot.unpack(RunningLambdaStack.ARTIFACT, work);
        return LambdaFunction.of(
                new FunctionConfig(
                        name,
                        resources.handlerOf(name),
                        timeoutSeconds,
                        resources.memorySizeOf(name),
                        false,
                        environment,
                        taskRoot),
                1);
    }
}
