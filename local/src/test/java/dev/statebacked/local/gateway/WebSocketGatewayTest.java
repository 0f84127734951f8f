package dev.statebacked.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * The gateway's WebSocket API: $connect/$default/$disconnect events for the function, and the management API
 * through which the function answers, called with the real SDK client.
 */
class WebSocketGatewayTest {
    private final List<APIGatewayV2WebSocketEvent> events = new CopyOnWriteArrayList<>();
    private Gateway gateway;
    private ApiGatewayManagementApiClient management;
    private final WebSocketClient client = new WebSocketClient();

    @BeforeEach
    void start() throws Exception {
        gateway = Gateway.start(
                0,
                new Gateway.HttpRoute(
                        "Http",
                        5,
                        (e, c) -> APIGatewayV2HTTPResponse.builder()
                                .withStatusCode(200)
                                .build()),
                Optional.of(new Gateway.WebSocketRoute("/rt", "Ws", 5, (event, context) -> {
                    events.add(event);
                    boolean refused = event.getRequestContext().getRouteKey().equals("$connect")
                            && "no".equals(event.getQueryStringParameters().get("token"));
                    APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
                    response.setStatusCode(refused ? 403 : 200);
                    return response;
                })));
        management = ApiGatewayManagementApiClient.builder()
                .endpointOverride(gateway.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        management.close();
        gateway.close();
    }

    @Test
    void connectMessagesAndDisconnectReachTheFunctionAndItAnswersThroughTheManagementApi() throws Exception {
        Received received = new Received();
        Session session = client.connect(
                        received, URI.create(gateway.endpoint().toString().replace("http", "ws") + "/rt?token=abc"))
                .get(5, TimeUnit.SECONDS);

        APIGatewayV2WebSocketEvent connect = awaitEvent("$connect");
        assertThat(connect.getRequestContext().getEventType()).isEqualTo("CONNECT");
        assertThat(connect.getQueryStringParameters()).containsEntry("token", "abc");
        String connectionId = connect.getRequestContext().getConnectionId();

        session.sendText("{\"type\":\"ping\"}", org.eclipse.jetty.websocket.api.Callback.NOOP);
        APIGatewayV2WebSocketEvent message = awaitEvent("$default");
        assertThat(message.getBody()).isEqualTo("{\"type\":\"ping\"}");
        assertThat(message.getRequestContext().getConnectionId()).isEqualTo(connectionId);

        management.postToConnection(
                b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String("{\"type\":\"pong\"}")));
        assertThat(received.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"pong\"}");
        assertThat(management
                        .getConnection(b -> b.connectionId(connectionId))
                        .identity()
                        .sourceIp())
                .isEqualTo("127.0.0.1");

        session.close();
        assertThat(awaitEvent("$disconnect").getRequestContext().getConnectionId())
                .isEqualTo(connectionId);
        assertThatThrownBy(() -> management.postToConnection(
                        b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String("late"))))
                .isInstanceOf(GoneException.class);
    }

    @Test
    void aConnectTheFunctionRefusesIsNotUpgraded() {
        assertThatThrownBy(() -> client.connect(
                                new Received(),
                                URI.create(gateway.endpoint().toString().replace("http", "ws") + "/rt?token=no"))
                        .get(5, TimeUnit.SECONDS))
                .hasMessageContaining("403");
    }

    /** A client endpoint collecting what the server sends (public: Jetty invokes it reflectively). */
    public static final class Received implements Session.Listener.AutoDemanding {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        @Override
        public void onWebSocketText(String message) {
            messages.add(message);
        }
    }

    private APIGatewayV2WebSocketEvent awaitEvent(String routeKey) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (APIGatewayV2WebSocketEvent event : events) {
                if (event.getRequestContext().getRouteKey().equals(routeKey)) {
                    return event;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + routeKey + " event within 5 s; saw " + events.size());
    }
}
