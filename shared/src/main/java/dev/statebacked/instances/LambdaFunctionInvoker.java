package dev.statebacked.instances;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@link FunctionInvoker} on Lambda's Invoke API. A caller that stops waiting does not stop the function (Lambda
 * runs a synchronous invocation to its end), and it is never retried: the function may already be processing.
 */
public final class LambdaFunctionInvoker implements FunctionInvoker {
    private final LambdaClient lambda;
    private final String functionName;

    /** {@code functionName}: a name, ARN or {@code name:alias}; {@code lambda}'s retries should be off. */
    public LambdaFunctionInvoker(LambdaClient lambda, String functionName) {
        this.lambda = lambda;
        this.functionName = functionName;
    }

    @Override
    public Optional<byte[]> invoke(byte[] payload, Duration wait) {
        InvokeResponse response;
        try {
            response = lambda.invoke(b -> b.functionName(functionName)
                    .invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromByteArrayUnsafe(payload))
                    .overrideConfiguration(o -> o.apiCallTimeout(wait).apiCallAttemptTimeout(wait)));
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            return Optional.empty();
        } catch (SdkClientException e) {
            if (e.getCause() instanceof java.net.SocketTimeoutException) {
                return Optional.empty();
            }
            throw e;
        }
        if (response.functionError() != null) {
            throw new IllegalStateException(functionName + " failed (" + response.functionError() + "): "
                    + response.payload().asUtf8String());
        }
        return Optional.of(response.payload().asByteArray());
    }
}
