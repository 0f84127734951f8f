package dev.statebacked.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A failure the caller is told about in the contract's shape: {@code {"error", "code"[, "parameter"]}}. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Optional<String> code;
    private final Optional<String> parameter;

    private ApiException(int status, String code, String parameter, String message) {
        super(message);
        this.status = status;
        this.code = Optional.ofNullable(code);
        this.parameter = Optional.ofNullable(parameter);
    }

    public static ApiException invalidParameter(String parameter, String message) {
        return new ApiException(400, "invalid-parameter", parameter, message);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, null, message);
    }

    /** Machine code threw, looped or produced an invalid state; nothing was written. */
    public static ApiException userCode(String message) {
        return new ApiException(400, "user-code-error", null, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, null, null, message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, null, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, null, null, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "invalid-state", null, message);
    }

    public static ApiException payloadTooLarge(String message) {
        return new ApiException(413, "invalid-parameter", null, message);
    }

    /** A refusal made elsewhere (another function of the service), given again as it was made. */
    public static ApiException of(int status, Optional<String> code, Optional<String> parameter, String message) {
        return new ApiException(status, code.orElse(null), parameter.orElse(null), message);
    }

    public Optional<String> parameter() {
        return parameter;
    }

    public int status() {
        return status;
    }

    public Optional<String> code() {
        return code;
    }

    public ApiResponse toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        code.ifPresent(c -> body.put("code", c));
        parameter.ifPresent(p -> body.put("parameter", p));
        return ApiResponse.json(status, body);
    }
}
