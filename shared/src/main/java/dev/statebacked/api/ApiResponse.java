package dev.statebacked.api;

import dev.statebacked.json.Json;
import java.util.Map;

/** An HTTP response; the body is JSON unless the headers say otherwise. */
public record ApiResponse(int status, Map<String, String> headers, String body) {
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");

    public ApiResponse {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, JSON, Json.write(value));
    }

    public static ApiResponse empty(int status) {
        return new ApiResponse(status, Map.of(), "");
    }
}
