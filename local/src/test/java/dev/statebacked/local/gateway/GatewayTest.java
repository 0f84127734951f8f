package dev.statebacked.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayTest {
    private final AtomicReference<APIGatewayV2HTTPEvent> received = new AtomicReference<>();
    private final AtomicReference<APIGatewayV2HTTPResponse> reply = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = Gateway.start(0, "TestFunction", 5, (event, context) -> {
            received.set(event);
            return reply.get();
        });
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void requestPathQueryHeadersAndBodyBecomeThePayloadTwoEvent() throws Exception {
        reply.set(APIGatewayV2HTTPResponse.builder().withStatusCode(200).build());
        send(HttpRequest.newBuilder(gateway.endpoint().resolve("/machines/m1/i/a%20b?cursor=x%2By&flag&cursor=z"))
                .header("Content-Type", "application/json")
                .header("X-StateBacked-Org-Id", "org_1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"s\"}")));

        APIGatewayV2HTTPEvent event = received.get();
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getRawPath()).isEqualTo("/machines/m1/i/a%20b");
        assertThat(event.getRawQueryString()).isEqualTo("cursor=x%2By&flag&cursor=z");
        assertThat(event.getQueryStringParameters())
                .containsEntry("cursor", "x+y,z")
                .containsEntry("flag", "");
        assertThat(event.getHeaders())
                .containsEntry("x-statebacked-org-id", "org_1")
                .containsEntry("content-type", "application/json");
        assertThat(event.getBody()).isEqualTo("{\"slug\":\"s\"}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void binaryBodiesArriveBase64Encoded() throws Exception {
        reply.set(APIGatewayV2HTTPResponse.builder().withStatusCode(204).build());
        byte[] payload = {0, 1, 2, (byte) 0xff};
        send(HttpRequest.newBuilder(gateway.endpoint().resolve("/upload"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)));

        assertThat(received.get().getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(received.get().getBody())).isEqualTo(payload);
    }

    @Test
    void responseStatusHeadersAndBodyGoBackToTheCaller() throws Exception {
        reply.set(APIGatewayV2HTTPResponse.builder()
                .withStatusCode(409)
                .withHeaders(Map.of("content-type", "application/json", "x-extra", "1"))
                .withBody("{\"error\":\"exists\",\"code\":\"invalid-state\"}")
                .build());

        HttpResponse<String> response =
                send(HttpRequest.newBuilder(gateway.endpoint().resolve("/x")).GET());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("x-extra")).hasValue("1");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":\"exists\",\"code\":\"invalid-state\"}");
    }

    @Test
    void base64ResponseBodiesAreDecoded() throws Exception {
        reply.set(APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withIsBase64Encoded(true)
                .withBody(Base64.getEncoder().encodeToString("binary!".getBytes(StandardCharsets.UTF_8)))
                .build());

        assertThat(send(HttpRequest.newBuilder(gateway.endpoint().resolve("/b")).GET())
                        .body())
                .isEqualTo("binary!");
    }

    @Test
    void aFailingFunctionAnswersInternalServerErrorAsApiGatewayDoes() throws Exception {
        reply.set(null);

        HttpResponse<String> response =
                send(HttpRequest.newBuilder(gateway.endpoint().resolve("/boom")).GET());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Internal Server Error");
    }

    @Test
    void aBusyPortIsReportedAsSuch() {
        int taken = gateway.endpoint().getPort();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gateway.start(taken, "Other", 5, (e, c) -> null))
                .isInstanceOf(Gateway.PortInUseException.class)
                .hasMessageContaining(String.valueOf(taken));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
