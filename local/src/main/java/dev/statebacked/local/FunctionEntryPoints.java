package dev.statebacked.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.statebacked.local.gateway.LocalLambdaContext;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Where the local gateway and the queue's event source mapping hand their events, however the functions run. */
record FunctionEntryPoints(
        BiFunction<APIGatewayV2HTTPEvent, LocalLambdaContext, APIGatewayV2HTTPResponse> api,
        Function<SQSEvent, SQSBatchResponse> worker,
        int workerConcurrency) {}
