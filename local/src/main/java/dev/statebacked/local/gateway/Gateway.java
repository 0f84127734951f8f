package dev.statebacked.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.net.BindException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The local API Gateway: each HTTP request becomes an HTTP API payload-2.0 event for the API function's
 * handler, called in-process, and its response goes back to the caller as API Gateway would send it.
 */
public final class Gateway implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Gateway.class);
    /** Where the API Gateway Management API answers ({@code PostToConnection} and friends). */
    static final String MANAGEMENT_PREFIX = "/@connections/";

    private static final java.time.Duration WEBSOCKET_IDLE_TIMEOUT = java.time.Duration.ofMinutes(10);
    /** Largest request body API Gateway accepts. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final Server server;

    private Gateway(Server server) {
        this.server = server;
    }

    /** An HTTP API function: its name, timeout and {@code handleRequest}. */
    public record HttpRoute(
            String functionName,
            int timeoutSeconds,
            BiFunction<APIGatewayV2HTTPEvent, LocalLambdaContext, APIGatewayV2HTTPResponse> function) {}

    /** A WebSocket API function and the path clients connect to. */
    public record WebSocketRoute(
            String path,
            String functionName,
            int timeoutSeconds,
            BiFunction<APIGatewayV2WebSocketEvent, LocalLambdaContext, APIGatewayV2WebSocketResponse> function) {}

    public static Gateway start(
            int port,
            String functionName,
            int timeoutSeconds,
            BiFunction<APIGatewayV2HTTPEvent, LocalLambdaContext, APIGatewayV2HTTPResponse> function)
            throws PortInUseException {
        return start(port, new HttpRoute(functionName, timeoutSeconds, function), Optional.empty());
    }

    /**
     * Starts serving on 127.0.0.1:port: HTTP requests go to the HTTP API function, each with a fresh Lambda
     * context; WebSocket connections on the route's path go to the WebSocket function.
     */
    public static Gateway start(int port, HttpRoute http, Optional<WebSocketRoute> webSocket)
            throws PortInUseException {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("gateway");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        WebSocketConnections connections = webSocket
                .map(ws -> new WebSocketConnections(ws.functionName(), ws.timeoutSeconds(), ws.function()))
                .orElse(null);
        Handler httpHandler = new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = request.getHttpURI().getPath();
                if (connections != null && path.startsWith(MANAGEMENT_PREFIX)) {
                    // never blocks: answered on this thread, without a hand-off per post
                    ManagementApi.serve(
                            connections, path.substring(MANAGEMENT_PREFIX.length()), request, response, callback);
                    return true;
                }
                // reading the body and calling the function block: do it off the selector thread
                server.getThreadPool()
                        .execute(() -> serve(
                                request,
                                response,
                                callback,
                                http.functionName(),
                                http.timeoutSeconds(),
                                http.function()));
                return true;
            }
        };
        if (webSocket.isPresent()) {
            WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
                // API Gateway closes a WebSocket connection idle for 10 minutes (Jetty's default: 30 s)
                container.setIdleTimeout(WEBSOCKET_IDLE_TIMEOUT);
                container.addMapping(webSocket.get().path(), connections::accept);
            });
            upgrades.setHandler(httpHandler);
            server.setHandler(upgrades);
        } else {
            server.setHandler(httpHandler);
        }
        server.setErrorHandler(new JsonErrors());
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start already failed; nothing more to release
            }
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new PortInUseException(port);
            }
            throw new IllegalStateException("gateway failed to start: " + e.getMessage(), e);
        }
        return new Gateway(server);
    }

    public URI endpoint() {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://127.0.0.1:" + port);
    }

    private static void serve(
            Request request,
            Response response,
            Callback callback,
            String functionName,
            int timeoutSeconds,
            BiFunction<APIGatewayV2HTTPEvent, LocalLambdaContext, APIGatewayV2HTTPResponse> function) {
        try {
            // refused as API Gateway refuses it: by Content-Length, or as soon as a streamed body passes the limit
            byte[] bytes = request.getLength() > MAX_BODY_BYTES
                    ? null
                    : Content.Source.asInputStream(request).readNBytes(MAX_BODY_BYTES + 1);
            if (bytes == null || bytes.length > MAX_BODY_BYTES) {
                response.setStatus(413);
                response.getHeaders().put("content-type", "application/json");
                Content.Sink.write(response, true, "{\"message\":\"Request Entity Too Large\"}", callback);
                return;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
            }
            var uri = request.getHttpURI();
            String host = request.getHeaders().get("host");
            var event = HttpApiEvents.toEvent(new HttpApiEvents.RawRequest(
                    request.getMethod(),
                    uri.getPath(),
                    uri.getQuery(),
                    headers,
                    bytes,
                    Request.getRemoteAddr(request),
                    host == null ? "localhost" : host));
            APIGatewayV2HTTPResponse result =
                    function.apply(event, new LocalLambdaContext(functionName, timeoutSeconds));
            response.setStatus(result.getStatusCode());
            if (result.getHeaders() != null) {
                result.getHeaders()
                        .forEach((name, value) -> response.getHeaders().put(name, value));
            }
            if (result.getMultiValueHeaders() != null) {
                result.getMultiValueHeaders()
                        .forEach((name, values) ->
                                values.forEach(v -> response.getHeaders().add(name, v)));
            }
            if (result.getCookies() != null) {
                result.getCookies().forEach(c -> response.getHeaders().add("set-cookie", c));
            }
            response.write(true, ByteBuffer.wrap(HttpApiEvents.responseBody(result)), callback);
        } catch (Throwable e) {
            log.warn(
                    "{} failed on {} {}: {}",
                    functionName,
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    e.toString());
            // what API Gateway answers when the integration fails
            response.setStatus(500);
            response.getHeaders().put("content-type", "application/json");
            Content.Sink.write(response, true, "{\"message\":\"Internal Server Error\"}", callback);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * Requests Jetty refuses before any handler sees them (a path with a malformed escape, a bad header) are
     * answered in API Gateway's JSON shape, not with an HTML page.
     */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Object code = request.getAttribute(ERROR_STATUS);
            int status = code instanceof Integer c ? c : response.getStatus();
            response.setStatus(status);
            response.getHeaders().put("content-type", "application/json");
            Content.Sink.write(response, true, "{\"message\":\"" + HttpStatus.getMessage(status) + "\"}", callback);
            return true;
        }
    }

    /** The port is taken by another process. */
    public static final class PortInUseException extends Exception {
        public PortInUseException(int port) {
            super("port " + port + " is already in use");
        }
    }
}
