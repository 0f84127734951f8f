package dev.statebacked.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real-time connection ({@code /rt}) as a client opens it: the token in the URL, JSON messages both ways. */
public final class RealtimeClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received;
    private final CompletableFuture<Integer> closed;

    private RealtimeClient(WebSocket socket, BlockingQueue<JsonNode> received, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.received = received;
        this.closed = closed;
    }

    /** Opens a connection; a refused upgrade throws {@link Refused} with the status the server answered. */
    public static RealtimeClient connect(URI api, String token) {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(Json.readStored(partial.toString()));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
        URI uri = URI.create(api.toString().replaceFirst("^http", "ws") + "/rt?token=" + token);
        try {
            return new RealtimeClient(
                    HTTP.newWebSocketBuilder().buildAsync(uri, listener).join(), received, closed);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new Refused(refused.getResponse().statusCode());
            }
            throw e;
        }
    }

    public void send(Map<String, ?> message) {
        socket.sendText(Json.write(message), true).join();
    }

    public void subscribe(String machine, String instance, String requestId) {
        send(Map.of(
                "type", "subscribe-to-instance",
                "machineName", machine,
                "machineInstanceName", instance,
                "requestId", requestId));
    }

    public void unsubscribe(String machine, String instance, String requestId) {
        send(Map.of(
                "type", "unsubscribe-from-instance",
                "machineName", machine,
                "machineInstanceName", instance,
                "requestId", requestId));
    }

    /** The next message, failing the test when none comes in time. */
    public JsonNode next(Duration within) {
        JsonNode message = poll(within);
        if (message == null) {
            throw new AssertionError("no message within " + within);
        }
        return message;
    }

    /** The next message, or null when none comes in time. */
    public JsonNode poll(Duration within) {
        try {
            return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Whether the server closed the connection within the time given. */
    public boolean closedWithin(Duration within) {
        try {
            closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }

    /** The server refused the upgrade. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status) {
            super("upgrade refused with " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
