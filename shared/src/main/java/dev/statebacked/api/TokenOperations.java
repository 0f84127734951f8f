package dev.statebacked.api;

import dev.statebacked.auth.TokenExchange;
import dev.statebacked.auth.TokenExchangeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code POST /tokens}: RFC 8693 token exchange, form-encoded, with no authorization header. */
public final class TokenOperations {
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private final TokenExchange exchange;

    public TokenOperations(TokenExchange exchange) {
        this.exchange = exchange;
    }

    public ApiResponse exchange(ApiRequest request, Map<String, String> path) {
        Map<String, String> form = QueryString.parse(request.body());
        if (!GRANT_TYPE.equals(form.get("grant_type"))) {
            throw ApiException.invalidParameter("grant_type", "grant_type must be " + GRANT_TYPE);
        }
        // the client's generated types spell it with a hyphen, the client itself with an underscore
        Optional<String> requested = Optional.ofNullable(form.get("requested_token_type"))
                .or(() -> Optional.ofNullable(form.get("requested_token-type")));
        if (requested.isPresent() && !requested.get().equals(ACCESS_TOKEN_TYPE)) {
            throw ApiException.invalidParameter("requested_token_type", "only " + ACCESS_TOKEN_TYPE + " is issued");
        }
        String audience = required(form, "audience");
        String subjectToken = required(form, "subject_token");
        String token;
        try {
            token = exchange.exchange(audience, subjectToken);
        } catch (TokenExchangeException failure) {
            throw switch (failure) {
                case TokenExchangeException.SubjectTokenRejected rejected ->
                    ApiException.unauthorized(rejected.getMessage());
                case TokenExchangeException.IdentityProviderUnavailable unavailable ->
                    ApiException.of(502, Optional.empty(), Optional.empty(), unavailable.getMessage());
                case TokenExchangeException.NoUserInClaims noUser ->
                    ApiException.forbidden("missing-user", noUser.getMessage());
            };
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("issued_token_type", ACCESS_TOKEN_TYPE);
        body.put("token_type", "Bearer");
        return ApiResponse.json(200, body);
    }

    private static String required(Map<String, String> form, String field) {
        String value = form.get(field);
        if (value == null || value.isEmpty()) {
            throw ApiException.invalidParameter(field, field + " is required");
        }
        return value;
    }
}
