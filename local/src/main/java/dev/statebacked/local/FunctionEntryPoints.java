package dev.statebacked.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.statebacked.local.gateway.LocalLambdaContext;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Where the local gateway (HTTP and WebSocket), the queue's event source mapping and the table stream's mapping
 * hand their events, however the functions run.
 */
record FunctionEntryPoints(
        BiFunction<APIGatewayV2HTTPEvent, LocalLambdaContext, APIGatewayV2HTTPResponse> api,
        Function<SQSEvent, SQSBatchResponse> worker,
        int workerConcurrency,
        BiFunction<APIGatewayV2WebSocketEvent, LocalLambdaContext, APIGatewayV2WebSocketResponse> realtime,
        Function<DynamodbEvent, StreamsEventResponse> fanout) {}
