package dev.statebacked.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import dev.statebacked.local.LocalStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Plain HTTP to the running stack, with a bearer token: what any client of the API does. */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final URI base;
    private final TokenSigner signer;
    private final String subject;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    public ApiClient(URI base, TokenSigner signer) {
        this(base, signer, "test-user");
    }

    private ApiClient(URI base, TokenSigner signer, String subject) {
        this.base = base;
        this.signer = signer;
        this.subject = subject;
    }

    /** A client of {@code stack} with its admin key (every scope). */
    public static ApiClient admin(LocalStack stack) {
        var credentials = stack.credentials();
        return new ApiClient(stack.apiUrl(), new TokenSigner(credentials.keyId(), credentials.secret()));
    }

    public ApiClient withHeader(String name, String value) {
        ApiClient copy = new ApiClient(base, signer, subject);
        copy.extraHeaders.putAll(extraHeaders);
        copy.extraHeaders.put(name, value);
        return copy;
    }

    /** The same key, acting for another end user: {@code authContext.sub} is {@code sub} in the machine's authorizers. */
    public ApiClient actingAs(String sub) {
        ApiClient copy = new ApiClient(base, signer, sub);
        copy.extraHeaders.putAll(extraHeaders);
        return copy;
    }

    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {
        /** The answer's JSON; an answer without a body is an empty object. */
        public JsonNode json() {
            if (body == null || body.isBlank()) {
                return Json.MAPPER.createObjectNode();
            }
            try {
                return Json.MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the answer is not JSON: " + body, e);
            }
        }

        public String code() {
            return json().path("code").asText(null);
        }
    }

    public Response get(String path) {
        return send("GET", path, null, signer.token(Map.of("sub", subject)));
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, signer.token(Map.of("sub", subject)));
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, signer.token(Map.of("sub", subject)));
    }

    public Response delete(String path, Object body) {
        return send("DELETE", path, body, signer.token(Map.of("sub", subject)));
    }

    /** A fresh token of this client's key and end user, as a WebSocket client puts it in its URL. */
    public String token() {
        return signer.token(Map.of("sub", subject));
    }

    /** The value of the authorization header this client sends ({@code Bearer <JWT>}). */
    public String authorization() {
        return "Bearer " + signer.token(Map.of("sub", subject));
    }

    /** A request with exactly this token (or none) and body (a JSON-able object, a raw String, or null). */
    public Response send(String method, String path, Object body, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path)).header("content-type", "application/json");
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        extraHeaders.forEach(request::header);
        String text = body == null ? null : body instanceof String raw ? raw : Json.write(body);
        request.method(
                method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        return exchange(request.build());
    }

    /** A multipart form POST to an absolute URL (the code upload step). */
    public static Response postForm(String url, Map<String, String> fields, String fileName, byte[] file) {
        String boundary = "----statebacked" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        if (file != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + fileName + "\"\r\nContent-Type: application/javascript\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(file);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return exchange(HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                .build());
    }

    private static Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
