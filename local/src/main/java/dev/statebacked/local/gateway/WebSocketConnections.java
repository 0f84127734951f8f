package dev.statebacked.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;

/**
 * The local API Gateway WebSocket API: a connection's {@code $connect}, each message ({@code $default}) and
 * {@code $disconnect} become WebSocket events for the function; the function answers clients through the
 * management API ({@code POST /@connections/{id}}), served by {@link Gateway} on the same port.
 */
final class WebSocketConnections {
    /**
     * {@code messages} handles the connection's messages one at a time, in order, off Jetty's threads;
     * {@code lastPost} is the newest post to it, which the next one waits for.
     */
    private record Connection(
            Session session,
            Instant connectedAt,
            String sourceIp,
            ExecutorService messages,
            AtomicReference<CompletableFuture<Boolean>> lastPost) {}

    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final BiFunction<APIGatewayV2WebSocketEvent, LocalLambdaContext, APIGatewayV2WebSocketResponse> function;
    private final String functionName;
    private final int timeoutSeconds;
    private final Map<String, Connection> open = new ConcurrentHashMap<>();

    WebSocketConnections(
            String functionName,
            int timeoutSeconds,
            BiFunction<APIGatewayV2WebSocketEvent, LocalLambdaContext, APIGatewayV2WebSocketResponse> function) {
        this.functionName = functionName;
        this.timeoutSeconds = timeoutSeconds;
        this.function = function;
    }

    /** The upgrade: {@code $connect} decides, as on API Gateway, whether the connection is accepted. */
    Object accept(
            ServerUpgradeRequest request, ServerUpgradeResponse response, org.eclipse.jetty.util.Callback callback) {
        String connectionId = UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "=";
        Instant connectedAt = Instant.now();
        String sourceIp = org.eclipse.jetty.server.Request.getRemoteAddr(request);
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders()
                .forEach(field -> headers.merge(
                        field.getName().toLowerCase(java.util.Locale.ROOT), field.getValue(), (a, b) -> a + "," + b));
        APIGatewayV2WebSocketEvent connect = event("$connect", "CONNECT", connectionId, connectedAt, sourceIp, request);
        connect.setHeaders(headers);
        connect.setQueryStringParameters(
                dev.statebacked.api.QueryString.parse(request.getHttpURI().getQuery()));
        int status = invoke(connect);
        if (status < 200 || status >= 300) {
            response.setStatus(status);
            callback.succeeded();
            return null;
        }
        // a function answering a message may post to connections through this gateway: handling messages on the
        // gateway's own threads would let many of them wait for threads that they hold
        ExecutorService messages =
                Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
        return new WebSocketEndpoint(new WebSocketEndpoint.Events() {
            @Override
            public void opened(Session session) {
                open.put(
                        connectionId,
                        new Connection(
                                session,
                                connectedAt,
                                sourceIp,
                                messages,
                                new AtomicReference<>(CompletableFuture.completedFuture(true))));
            }

            @Override
            public void message(String text) {
                APIGatewayV2WebSocketEvent event =
                        event("$default", "MESSAGE", connectionId, connectedAt, sourceIp, request);
                event.setBody(text);
                messages.execute(() -> invoke(event));
            }

            @Override
            public void closed() {
                open.remove(connectionId);
                messages.execute(
                        () -> invoke(event("$disconnect", "DISCONNECT", connectionId, connectedAt, sourceIp, request)));
                messages.shutdown();
            }
        });
    }

    /**
     * {@code PostToConnection}: completes with false when the connection is gone (API Gateway's 410). Nothing here
     * blocks, so the management API answers on Jetty's own thread: 100 posts at once hold no 100 threads.
     */
    CompletableFuture<Boolean> post(String connectionId, String message) {
        Connection connection = open.get(connectionId);
        if (connection == null || !connection.session().isOpen()) {
            return CompletableFuture.completedFuture(false);
        }
        // one message at a time per connection, and answered once it is written: a send that overlapped the
        // previous one could otherwise fail unseen, and the caller would take the message as delivered
        CompletableFuture<Boolean> posted = new CompletableFuture<>();
        connection.lastPost().getAndSet(posted).whenComplete((previous, failure) -> send(connection, message, posted));
        return posted;
    }

    private static void send(Connection connection, String message, CompletableFuture<Boolean> posted) {
        if (!connection.session().isOpen()) {
            posted.complete(false);
            return;
        }
        Callback.Completable sent = new Callback.Completable();
        connection.session().sendText(message, sent);
        sent.orTimeout(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((written, failure) -> {
            if (failure != null) {
                connection.session().close(); // a connection that cannot take a message is gone, as API Gateway says
            }
            posted.complete(failure == null);
        });
    }

    /** {@code DeleteConnection}. */
    boolean close(String connectionId) {
        Connection connection = open.remove(connectionId);
        if (connection == null) {
            return false;
        }
        connection.session().close();
        return true;
    }

    /** {@code GetConnection}: when it connected and from where. */
    Optional<Map<String, Object>> describe(String connectionId) {
        return Optional.ofNullable(open.get(connectionId))
                .map(c -> Map.of(
                        "connectedAt", c.connectedAt().toString(),
                        "lastActiveAt", Instant.now().toString(),
                        "identity", Map.of("sourceIp", c.sourceIp(), "userAgent", "")));
    }

    private int invoke(APIGatewayV2WebSocketEvent event) {
        try {
            APIGatewayV2WebSocketResponse response =
                    function.apply(event, new LocalLambdaContext(functionName, timeoutSeconds));
            return response == null ? 200 : response.getStatusCode();
        } catch (RuntimeException e) {
            return 500;
        }
    }

    private static APIGatewayV2WebSocketEvent event(
            String routeKey,
            String eventType,
            String connectionId,
            Instant connectedAt,
            String sourceIp,
            ServerUpgradeRequest request) {
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setEventType(eventType);
        context.setConnectionId(connectionId);
        context.setConnectedAt(connectedAt.toEpochMilli());
        context.setMessageDirection("IN");
        context.setMessageId(UUID.randomUUID().toString());
        context.setRequestId(UUID.randomUUID().toString());
        context.setRequestTimeEpoch(System.currentTimeMillis());
        context.setDomainName(request.getHeaders().get("host"));
        context.setStage("");
        context.setApiId("local");
        APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
        identity.setSourceIp(sourceIp);
        context.setIdentity(identity);
        event.setRequestContext(context);
        event.setIsBase64Encoded(false);
        return event;
    }
}
