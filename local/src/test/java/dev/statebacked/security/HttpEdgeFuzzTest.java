package dev.statebacked.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.testing.ApiClient;
import dev.statebacked.testing.RunningStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random requests at the HTTP edge (methods, paths, query strings, headers, bodies; seeded, bounded in count and
 * time) get a 2xx or a 4xx with a JSON body, never a 5xx, and the stack is healthy afterwards.
 */
class HttpEdgeFuzzTest {
    private static final int REQUESTS = 400;
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH"};
    private static final String[] SEGMENTS = {
        "machines",
        "i",
        "v",
        "events",
        "admin",
        "status",
        "keys",
        "orgs",
        "migrations",
        "logs",
        "code-uploads",
        "health",
        "x",
        "",
        "%20",
        "..",
        "a-b_c",
        "é",
        "%2F",
        "0".repeat(200)
    };
    private static final String[] BODIES = {
        "",
        "{}",
        "[]",
        "null",
        "{",
        "{\"slug\":1}",
        "{\"slug\":\"a b\"}",
        "{\"event\":{}}",
        "{\"event\":\"\"}",
        "{\"event\":{\"type\":5}}",
        "{\"context\":[]}",
        "\"str\"",
        "1e309",
        "{\"slug\":\"ok\",\"unknown\":true}",
        "\u0000\u0001",
        "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"
    };

    @Test
    void randomRequestsGetJson4xxOr2xxAndLeaveTheStackHealthy() throws Exception {
        URI api = RunningStack.get().apiUrl();
        ApiClient admin = RunningStack.adminClient();
        String token = admin.authorization();
        Random random = new Random(20261202);
        List<String> serverErrors = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (int i = 0; i < REQUESTS && System.nanoTime() < deadline; i++) {
            String method = METHODS[random.nextInt(METHODS.length)];
            StringBuilder path = new StringBuilder();
            for (int s = 0, n = 1 + random.nextInt(5); s < n; s++) {
                path.append('/').append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
            }
            if (random.nextBoolean()) {
                path.append(random.nextBoolean() ? "?cursor=" : "?gzip&x=")
                        .append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
            }
            URI target;
            try {
                target = URI.create(api + path.toString().replace(" ", "%20").replace("é", "%C3%A9"));
            } catch (IllegalArgumentException notAUri) {
                continue;
            }
            String body = BODIES[random.nextInt(BODIES.length)];
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            body.isEmpty()
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            switch (random.nextInt(4)) {
                case 0 -> request.header("authorization", token);
                case 1 -> request.header("authorization", "Bearer " + token.substring(7, 20 + random.nextInt(20)));
                case 2 ->
                    request.header("authorization", token)
                            .header(
                                    "x-statebacked-act",
                                    body.isBlank() || body.chars().anyMatch(c -> c < 0x20) || body.length() > 1000
                                            ? "{"
                                            : body);
                default ->
                    request.header(
                            "content-type",
                            random.nextBoolean() ? "application/json" : "multipart/form-data; boundary=x");
            }
            HttpResponse<String> response;
            try {
                response = send(request.build());
            } catch (IOException e) {
                serverErrors.add(
                        method + " " + target.getRawPath() + " " + body.length() + " bytes -> no answer: " + e);
                continue;
            }
            int status = response.statusCode();
            String type = response.headers().firstValue("content-type").orElse("");
            if (status >= 500 || (status != 204 && status >= 400 && !type.contains("json"))) {
                serverErrors.add(method + " " + target.getRawPath() + " " + body.length() + " bytes -> " + status + " "
                        + response.body()
                                .substring(0, Math.min(200, response.body().length())));
            }
        }

        assertThat(serverErrors)
                .as("requests answered with a 5xx or a non-JSON error")
                .isEmpty();
        assertThat(admin.get("/health").status()).isEqualTo(200);
    }

    /**
     * Each request on a connection of its own: after some refusals the gateway closes the connection, and a
     * client that reuses it meanwhile gets no answer at all (noted for the gateway; here each answer is judged).
     */
    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
