package dev.statebacked.local.lambda;

import java.nio.charset.StandardCharsets;

/** What an invocation of a function gave back: its response payload, or an error as Lambda reports one. */
public sealed interface InvocationResult {
    /** The handler returned; {@code payload} is its serialized return value. */
    record Success(byte[] payload) implements InvocationResult {}

    /**
     * The handler threw, the runtime failed to start, or the function ran out of time. {@code errorType} is
     * Lambda's ({@code Runtime.ExitError}, {@code Sandbox.Timedout}, the exception class, ...), {@code payload} the
     * {@code {"errorMessage", "errorType", ...}} document Lambda returns to a synchronous caller.
     */
    record Failure(String errorType, byte[] payload) implements InvocationResult {
        public String describe() {
            return errorType + ": " + new String(payload, StandardCharsets.UTF_8);
        }
    }
}
