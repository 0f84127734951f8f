package dev.statebacked.api;

import dev.statebacked.auth.Caller;
import java.util.Map;

/** An operation that runs for an authenticated caller. */
@FunctionalInterface
public interface CallerOperation {
    ApiResponse handle(Caller caller, ApiRequest request, Map<String, String> pathParameters);
}
