package dev.statebacked.testing;

import dev.statebacked.functions.ApiHandler;
import dev.statebacked.local.LocalStack;
import dev.statebacked.messaging.MessageDispatcher;
import java.nio.file.Path;
import java.util.Map;

/**
 * One local stack whose functions run as Lambda runs them: the deployment artifact that {@code mvn package}
 * made in functions/, unpacked, each function in JVMs of its own under the runtime interface client.
 */
public final class RunningLambdaStack {
    /** What the functions module's build leaves for sam deploy. */
    public static final Path ARTIFACT = Path.of("..", "functions", "target", "statebacked-functions-lambda.zip");

    /** When the API function answers an event whose services settle in the processor function. */
    public static final String ANSWER_WITHIN_SECONDS = "12";

    private static LocalStack stack;

    private RunningLambdaStack() {}

    public static synchronized LocalStack get() {
        if (stack == null) {
            // a retry delay of 10 s, not the template's 30 nor the other tests' 1: cold starts make a child's
            // creation take seconds here, and five attempts must outlast them; no priming, which every cold start
            // would pay for; the API answers an event that settles elsewhere after 12 s instead of the template's
            // 25, so that showing it costs seconds rather than most of a minute
            stack = RunningStack.startForTheRun(
                    "statebacked-lambda-test-",
                    dataDir -> new LocalStack.Options(0, dataDir)
                            .withSettings(Map.of(
                                    "STATEBACKED_PRIMING_SECONDS",
                                    "0",
                                    ApiHandler.ANSWER_WITHIN,
                                    ANSWER_WITHIN_SECONDS,
                                    MessageDispatcher.RETRY_DELAY_VARIABLE,
                                    "10"))
                            .withFunctions(new LocalStack.Functions.Lambda(ARTIFACT, 2)));
        }
        return stack;
    }

    public static ApiClient adminClient() {
        return ApiClient.admin(get());
    }
}
