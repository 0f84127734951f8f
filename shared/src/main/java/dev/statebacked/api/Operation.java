package dev.statebacked.api;

import java.util.Map;

/** What a route does, given the request and the values of its path parameters. */
@FunctionalInterface
public interface Operation {
    ApiResponse handle(ApiRequest request, Map<String, String> pathParameters);
}
