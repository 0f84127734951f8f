package dev.statebacked.cli.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import dev.statebacked.local.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** The API over HTTP with the stack's admin key, the way any client calls it. */
final class BenchApi {
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String token;

    BenchApi(LocalStack stack) {
        this.base = stack.apiUrl();
        var credentials = stack.credentials();
        this.token = JWT.create()
                .withKeyId(credentials.keyId())
                .withAudience("https://api.statebacked.dev/")
                .withIssuer("https://" + credentials.keyId() + ".client.statebacked.dev/")
                .withIssuedAt(Instant.now())
                .withExpiresAt(Instant.now().plus(Duration.ofHours(2)))
                .withClaim("act", Map.of("sub", "bench"))
                .sign(Algorithm.HMAC256(credentials.secret().getBytes(StandardCharsets.UTF_8)));
    }

    String deploy(String machine, String resourceName) {
        return deploy(machine, resourceName, Map.of());
    }

    /** A machine with one index per key of {@code indexSelectors}, its current version selecting them. */
    String deploy(String machine, String resourceName, Map<String, String> indexSelectors) {
        call("POST", "/machines", Map.of("slug", machine, "indexes", List.copyOf(indexSelectors.keySet())), 201);
        JsonNode reserved = call("POST", "/machines/" + machine + "/v", Map.of(), 200);
        upload(reserved, resource(resourceName), resourceName.substring(resourceName.lastIndexOf('/') + 1));
        call(
                "PUT",
                "/machines/" + machine + "/v/"
                        + reserved.path("machineVersionId").asText(),
                Map.of("makeCurrent", true, "indexSelectors", indexSelectors),
                200);
        return machine;
    }

    /** The instances whose value of {@code index} equals {@code value} (one page). */
    JsonNode queryIndex(String machine, String index, String value) {
        return call(
                "GET",
                "/machines/" + machine + "/indexes/" + index + "/query?op=eq&limit=100&value="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8),
                null,
                200);
    }

    void createInstance(String machine, String instance) {
        call("POST", "/machines/" + machine, Map.of("slug", instance), 200);
    }

    /** Sends an event; the answer is the settled state ({@code state}, {@code ts}, ...). */
    JsonNode send(String machine, String instance, Map<String, ?> event) {
        return call("POST", "/machines/" + machine + "/i/" + instance + "/events", Map.of("event", event), 200);
    }

    /** The admin JWT every call carries; real-time connections pass it as their {@code token} parameter. */
    String token() {
        return token;
    }

    /** Where real-time connections open: {@code ws://host:port/rt?token=...}, on the API's own port. */
    URI realtimeUri() {
        return URI.create(base.resolve("/rt").toString().replaceFirst("^http", "ws") + "?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    JsonNode get(String machine, String instance) {
        return call("GET", "/machines/" + machine + "/i/" + instance, null, 200);
    }

    JsonNode history(String machine, String instance, String cursor) {
        String query = cursor == null ? "" : "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        return call("GET", "/machines/" + machine + "/i/" + instance + "/events" + query, null, 200);
    }

    private JsonNode call(String method, String path, Object body, int expectedStatus) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("authorization", "Bearer " + token)
                .header("content-type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    /** An answer's JSON; an answer without a body is an empty object. */
    private static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the API answered no JSON: " + body, e);
        }
    }

    private void upload(JsonNode reserved, byte[] code, String fileName) {
        String boundary = "----statebacked-bench-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> fields = new LinkedHashMap<>();
        reserved.path("codeUploadFields")
                .fields()
                .forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        fields.put("content-type", "application/javascript");
        fields.forEach((name, value) -> out.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/javascript\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(code);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(URI.create(reserved.path("codeUploadUrl").asText()))
                        .header("content-type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                        .build());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("code upload answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = TimersBenchCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a benchmark's data directory; a failure is only reported. */
    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Waits (at most a minute) until this process uses under a tenth of a core: after a load, the JIT's queue of
     * compilations and the pooled contexts' resets keep running for seconds and would be measured as the next load's.
     */
    static void awaitQuietProcess() throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long giveUpAt = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long cpu = os.getProcessCpuTime();
        long at = System.nanoTime();
        while (System.nanoTime() < giveUpAt) {
            Thread.sleep(500);
            long cpuNow = os.getProcessCpuTime();
            long now = System.nanoTime();
            boolean quiet = (cpuNow - cpu) < (now - at) / 10;
            cpu = cpuNow;
            at = now;
            if (quiet) {
                System.out.printf("process quiet %.1f s after the warm-up%n", (now - giveUpAt) / 1e9 + 60);
                return;
            }
        }
        System.out.println("process still busy a minute after the warm-up; measuring anyway");
    }
}
