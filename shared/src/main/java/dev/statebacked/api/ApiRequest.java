package dev.statebacked.api;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An HTTP request as the core sees it, whichever gateway delivered it. Header names are lower case. */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
    public ApiRequest {
        method = method.toUpperCase(Locale.ROOT);
        query = Map.copyOf(query);
        TreeMap<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
        body = body == null ? "" : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }
}
