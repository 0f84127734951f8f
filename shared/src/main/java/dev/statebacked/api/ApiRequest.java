package dev.statebacked.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as the core sees it, whichever gateway delivered it. Header names are lower case; the body
 * is kept as bytes because code uploads are binary.
 */
public record ApiRequest(
        String method, String path, Map<String, String> query, Map<String, String> headers, byte[] bodyBytes) {
    public ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
        this(method, path, query, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    public ApiRequest {
        method = method.toUpperCase(Locale.ROOT);
        query = Map.copyOf(query);
        TreeMap<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
        bodyBytes = bodyBytes == null ? new byte[0] : bodyBytes;
    }

    /** The body as UTF-8 text (JSON bodies). */
    public String body() {
        return new String(bodyBytes, StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }
}
