package dev.statebacked.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.statebacked.api.RealtimeOperations;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.realtime.Subscriptions;
import java.time.Clock;
import java.util.Map;

/**
 * The WebSocket API function ({@code /rt}): {@code $connect} authenticates, {@code $default} takes the client's
 * messages, {@code $disconnect} forgets the connection. Its constructor is the composition root of real time.
 */
public final class RealtimeHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final RealtimeOperations operations;

    /** Lambda's entry: configuration from the environment template.yaml sets. */
    public RealtimeHandler() {
        this(System.getenv(), ProcessEngine.get());
    }

    /** With an engine the caller shares (the local stack runs several functions in one process). */
    public RealtimeHandler(Map<String, String> environment, MachineEngine engine) {
        Core core = new Core(environment, engine, Clock.systemUTC());
        this.operations = new RealtimeOperations(
                core.tokens,
                core.orgs,
                new Subscriptions(core.store),
                core.webSocketConnections(),
                core.processor,
                core.clock);
        SnapStartHooks.register(core::prime, core::afterRestore);
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        String connectionId = event.getRequestContext().getConnectionId();
        int status = switch (event.getRequestContext().getRouteKey()) {
            case "$connect" -> {
                Map<String, String> query = event.getQueryStringParameters();
                yield operations.connect(connectionId, query == null ? Map.of() : query).status;
            }
            case "$disconnect" -> {
                operations.disconnect(connectionId);
                yield 200;
            }
            default -> {
                operations.message(connectionId, event.getBody() == null ? "" : event.getBody());
                yield 200;
            }
        };
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        return response;
    }
}
