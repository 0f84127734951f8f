package dev.statebacked.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.statebacked.api.ApiRequest;
import dev.statebacked.api.ApiResponse;
import dev.statebacked.api.QueryString;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Translates API Gateway HTTP API (payload 2.0) events to the core's request and back. */
final class GatewayEvents {
    private GatewayEvents() {}

    static ApiRequest toRequest(APIGatewayV2HTTPEvent event) {
        var http = event.getRequestContext() == null
                ? null
                : event.getRequestContext().getHttp();
        String method = http != null && http.getMethod() != null ? http.getMethod() : "GET";
        String path = event.getRawPath() != null ? event.getRawPath() : http != null ? http.getPath() : "/";
        byte[] body = event.getBody() == null
                ? new byte[0]
                : event.getIsBase64Encoded()
                        ? Base64.getDecoder().decode(event.getBody())
                        : event.getBody().getBytes(StandardCharsets.UTF_8);
        return new ApiRequest(
                method, path, query(event), event.getHeaders() == null ? Map.of() : event.getHeaders(), body);
    }

    static APIGatewayV2HTTPResponse toResponse(ApiResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    private static Map<String, String> query(APIGatewayV2HTTPEvent event) {
        // the raw string keeps empty values and encodings exactly as sent; API Gateway's map is a fallback
        if (event.getRawQueryString() == null || event.getRawQueryString().isEmpty()) {
            return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        }
        return QueryString.parse(event.getRawQueryString());
    }
}
