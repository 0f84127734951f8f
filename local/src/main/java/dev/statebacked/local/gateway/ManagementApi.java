package dev.statebacked.local.gateway;

import dev.statebacked.json.Json;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The API Gateway Management API for WebSocket connections, as the SDK's ApiGatewayManagementApiClient
 * calls it: {@code POST|GET|DELETE /@connections/{connectionId}}; an unknown connection is 410 GoneException.
 */
final class ManagementApi {
    private ManagementApi() {}

    /** Never blocks: Jetty calls it on the thread that parsed the request. */
    static void serve(
            WebSocketConnections connections,
            String connectionId,
            Request request,
            Response response,
            Callback callback) {
        try {
            String id = java.net.URLDecoder.decode(connectionId, StandardCharsets.UTF_8);
            switch (request.getMethod()) {
                case "POST" ->
                    Content.Source.asStringAsync(request, StandardCharsets.UTF_8)
                            .thenCompose(message -> connections.post(id, message))
                            .whenComplete((posted, failure) -> {
                                if (failure != null) {
                                    failed(response, callback, failure);
                                } else if (posted) {
                                    respond(response, callback, 200, "");
                                } else {
                                    gone(response, callback);
                                }
                            });
                case "DELETE" -> {
                    if (connections.close(id)) {
                        respond(response, callback, 204, "");
                    } else {
                        gone(response, callback);
                    }
                }
                case "GET" ->
                    connections
                            .describe(id)
                            .ifPresentOrElse(
                                    description -> respond(response, callback, 200, Json.write(description)),
                                    () -> gone(response, callback));
                default -> respond(response, callback, 405, "{\"message\":\"method not allowed\"}");
            }
        } catch (RuntimeException e) {
            failed(response, callback, e);
        }
    }

    private static void failed(Response response, Callback callback, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        respond(response, callback, 500, "{\"message\":\"" + cause.getClass().getSimpleName() + "\"}");
    }

    private static void gone(Response response, Callback callback) {
        response.getHeaders().put("x-amzn-ErrorType", "GoneException");
        respond(response, callback, 410, "{\"message\":\"connection is gone\"}");
    }

    private static void respond(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put("content-type", "application/json");
        Content.Sink.write(response, true, body, callback);
    }
}
