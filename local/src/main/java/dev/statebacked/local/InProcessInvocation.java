package dev.statebacked.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.statebacked.json.Json;
import dev.statebacked.local.gateway.LocalLambdaContext;
import dev.statebacked.local.lambda.InvocationResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** One invocation of a stream handler in this process, its outcome as Lambda would report it. */
final class InProcessInvocation {
    private InProcessInvocation() {}

    static InvocationResult of(String function, int timeoutSeconds, byte[] payload, RequestStreamHandler handler) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(
                    new ByteArrayInputStream(payload), output, new LocalLambdaContext(function, timeoutSeconds));
            return new InvocationResult.Success(output.toByteArray());
        } catch (IOException | RuntimeException e) {
            String type = e.getClass().getName();
            var error = Json.MAPPER
                    .createObjectNode()
                    .put("errorMessage", String.valueOf(e.getMessage()))
                    .put("errorType", type);
            return new InvocationResult.Failure(type, error.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
