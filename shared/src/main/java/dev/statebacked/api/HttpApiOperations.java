package dev.statebacked.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.instances.HttpApiRequests;
import dev.statebacked.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ANY /http-api/{orgId}/machines/{machineName}/{slug}}: a machine's own HTTP API, for callers without a
 * State Backed token. The request reaches the version's handler as {@code {body, headers, method, query}}, the
 * body parsed by its content type: JSON as its value, a form as an object of its fields (a repeated field as an
 * array of its values), anything else as text.
 */
public final class HttpApiOperations {
    /** A request body the handler gets parsed, kept to what a webhook sends. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpApiRequests requests;

    public HttpApiOperations(HttpApiRequests requests) {
        this.requests = requests;
    }

    public ApiResponse handle(ApiRequest request, Map<String, String> path) {
        String orgId = Names.require("orgId", path.get("orgId"));
        String machineName = Names.require("machineName", path.get("machineName"));
        String slug = Names.require("slug", path.get("slug"));
        if (request.bodyBytes().length > MAX_BODY_BYTES) {
            throw ApiException.payloadTooLarge("an HTTP API request body is limited to " + MAX_BODY_BYTES + " bytes");
        }
        ObjectNode http = Json.MAPPER.createObjectNode();
        http.set("body", body(request));
        http.set("headers", Json.MAPPER.valueToTree(request.headers()));
        http.put("method", request.method());
        http.set("query", Json.MAPPER.valueToTree(request.query()));
        return toApiResponse(requests.handle(new HttpApiRequests.Request(orgId, machineName, slug, http)));
    }

    private static JsonNode body(ApiRequest request) {
        if (request.bodyBytes().length == 0) {
            return Json.MAPPER.nullNode();
        }
        String type = request.header("content-type")
                .map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
        if (type.equals("application/json") || type.endsWith("+json")) {
            return RequestJson.readBody(request.body());
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return form(request.body());
        }
        return Json.MAPPER.getNodeFactory().textNode(request.body());
    }

    private static ObjectNode form(String body) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameAndValue = pair.split("=", 2);
            String name = decode(nameAndValue[0]);
            JsonNode value =
                    Json.MAPPER.getNodeFactory().textNode(nameAndValue.length == 2 ? decode(nameAndValue[1]) : "");
            fields.merge(name, value, (first, next) -> {
                ArrayNode values = first.isArray()
                        ? (ArrayNode) first
                        : Json.MAPPER.createArrayNode().add(first);
                return values.add(next);
            });
        }
        ObjectNode form = Json.MAPPER.createObjectNode();
        fields.forEach(form::set);
        return form;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("body", "the form body has a malformed escape: " + encoded);
        }
    }

    /** A string body is sent as it is (text unless the mapper said otherwise), any other value as JSON. */
    private static ApiResponse toApiResponse(HttpApiRequests.Response response) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode body = response.body();
        String text;
        if (body.isNull()) {
            text = "";
        } else if (body.isTextual()) {
            headers.put("content-type", "text/plain; charset=utf-8");
            text = body.asText();
        } else {
            headers.put("content-type", "application/json");
            text = Json.write(body);
        }
        response.headers()
                .properties()
                .forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        return new ApiResponse(response.statusCode(), headers, text);
    }
}
