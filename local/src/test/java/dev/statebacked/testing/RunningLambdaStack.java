package dev.statebacked.testing;

import dev.statebacked.local.LocalStack;
import java.nio.file.Path;
import java.util.Map;

/**
 * One local stack whose functions run as Lambda runs them: the deployment artifact that {@code mvn package}
 * made in functions/, unpacked, each function in JVMs of its own under the runtime interface client.
 */
public final class RunningLambdaStack {
    /** What the functions module's build leaves for sam deploy. */
    public static final Path ARTIFACT = Path.of("..", "functions", "target", "statebacked-functions-lambda.zip");

    private static LocalStack stack;

    private RunningLambdaStack() {}

    public static synchronized LocalStack get() {
        if (stack == null) {
            // the template's retry delays: cold starts make a child's creation take seconds here; no priming, which
            // every cold start would pay for
            stack = RunningStack.startForTheRun(
                    "statebacked-lambda-test-",
                    dataDir -> new LocalStack.Options(0, dataDir)
                            .withSettings(Map.of("STATEBACKED_PRIMING_SECONDS", "0"))
                            .withFunctions(new LocalStack.Functions.Lambda(ARTIFACT, 2)));
        }
        return stack;
    }

    public static ApiClient adminClient() {
        return ApiClient.admin(get());
    }
}
