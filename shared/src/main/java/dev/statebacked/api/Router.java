package dev.statebacked.api;

import dev.statebacked.failures.DomainException;
import dev.statebacked.store.InvalidCursorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table of routes: method + path template ({@code /machines/{machineName}}) to operation.
 * Knows nothing of API Gateway; a gateway adapter turns its event into an {@link ApiRequest}.
 */
public final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    static final Map<String, String> CORS = Map.of(
            "access-control-allow-origin", "*",
            "access-control-allow-methods", "GET,POST,PUT,DELETE,OPTIONS",
            "access-control-allow-headers", "authorization,content-type,x-statebacked-org-id,x-statebacked-act",
            "access-control-max-age", "600");

    /** The method of a route every method reaches (API Gateway's {@code ANY}). */
    public static final String ANY_METHOD = "ANY";

    private final List<Route> routes;
    private final int maxBodyBytes;

    private Router(List<Route> routes, int maxBodyBytes) {
        this.routes = List.copyOf(routes);
        this.maxBodyBytes = maxBodyBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ApiResponse handle(ApiRequest request) {
        ApiResponse response;
        try {
            response = dispatch(request);
        } catch (DomainException e) {
            response = DomainFailures.toResponse(e);
        } catch (ApiException e) {
            response = e.toResponse();
        } catch (InvalidCursorException e) {
            response = ApiException.invalidParameter("cursor", "cursor is not one this API returned")
                    .toResponse();
        } catch (RuntimeException e) {
            LOG.error("unhandled error on {} {}", request.method(), request.path(), e);
            response = ApiResponse.json(500, Map.of("error", "internal error"));
        }
        Map<String, String> headers = new HashMap<>(CORS);
        headers.putAll(response.headers());
        return new ApiResponse(response.status(), headers, response.body());
    }

    private ApiResponse dispatch(ApiRequest request) {
        if (request.method().equals("OPTIONS")) {
            return ApiResponse.empty(204);
        }
        if (request.bodyBytes().length > maxBodyBytes) {
            throw ApiException.payloadTooLarge("request body exceeds " + maxBodyBytes + " bytes");
        }
        String[] segments = segments(request.path());
        boolean pathMatched = false;
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(segments);
            if (parameters.isEmpty()) {
                continue;
            }
            pathMatched = true;
            if (route.method().equals(request.method()) || route.method().equals(ANY_METHOD)) {
                return route.operation().handle(request, parameters.get());
            }
        }
        if (pathMatched) {
            return ApiResponse.json(
                    405, Map.of("error", "method " + request.method() + " not allowed on " + request.path()));
        }
        throw ApiException.notFound("no route for " + request.method() + " " + request.path());
    }

    static String[] segments(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }

    private record Route(String method, String[] template, Operation operation) {
        Optional<Map<String, String>> match(String[] segments) {
            if (segments.length != template.length) {
                return Optional.empty();
            }
            Map<String, String> parameters = new HashMap<>();
            for (int i = 0; i < template.length; i++) {
                String part = template[i];
                if (part.startsWith("{") && part.endsWith("}")) {
                    parameters.put(
                            part.substring(1, part.length() - 1),
                            java.net.URLDecoder.decode(segments[i], java.nio.charset.StandardCharsets.UTF_8));
                } else if (!part.equals(segments[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(parameters);
        }
    }

    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();
        private int maxBodyBytes = 1_000_000;

        public Builder route(String method, String pathTemplate, Operation operation) {
            routes.add(new Route(method, segments(pathTemplate), operation));
            return this;
        }

        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public Router build() {
            return new Router(routes, maxBodyBytes);
        }
    }
}
