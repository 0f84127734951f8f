package dev.statebacked.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.auth.ApiKey;
import dev.statebacked.auth.Caller;
import dev.statebacked.auth.IssuedKey;
import dev.statebacked.auth.KeyCache;
import dev.statebacked.auth.KeyRepository;
import dev.statebacked.auth.Scope;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST/GET/DELETE /keys}: an org's signing keys. The secret is shown once, at creation. */
public final class KeyOperations {
    private static final int PAGE_SIZE = 50;
    private final KeyRepository keys;
    private final KeyCache cache;

    public KeyOperations(KeyRepository keys, KeyCache cache) {
        this.keys = keys;
        this.cache = cache;
    }

    public ApiResponse create(Caller caller, ApiRequest request, Map<String, String> path) {
        RequestBody body = RequestBody.of(request);
        String name = body.requiredString("name");
        if (name.isBlank() || name.length() > 256) {
            throw ApiException.invalidParameter("name", "name must be 1 to 256 characters");
        }
        Set<Scope> scopes = scopes(body);
        if (!caller.scopes().containsAll(scopes)) {
            Set<Scope> missing = EnumSet.copyOf(scopes);
            missing.removeAll(caller.scopes());
            throw ApiException.forbidden(
                    "missing-scope",
                    "a key cannot grant scopes its creator lacks: "
                            + missing.stream().map(Scope::wireName).sorted().toList());
        }
        IssuedKey issued = keys.create(caller.orgId(), name, scopes);
        return ApiResponse.json(200, Map.of("id", issued.key().id(), "key", issued.secret()));
    }

    public ApiResponse list(Caller caller, ApiRequest request, Map<String, String> path) {
        KeyRepository.KeyPage page = keys.listForOrg(caller.orgId(), PAGE_SIZE, Cursors.from(request));
        List<Map<String, Object>> items =
                page.keys().stream().map(KeyOperations::describe).toList();
        return PageResponse.of("keys", items, page.cursor());
    }

    public ApiResponse delete(Caller caller, ApiRequest request, Map<String, String> path) {
        String keyId = path.get("keyId");
        if (!keys.delete(caller.orgId(), keyId)) {
            throw ApiException.notFound("no key " + keyId);
        }
        cache.forget(keyId);
        return ApiResponse.empty(204);
    }

    private static Map<String, Object> describe(ApiKey key) {
        return Map.of(
                "id",
                key.id(),
                "name",
                key.name(),
                "scopes",
                key.scopes().stream().map(Scope::wireName).sorted().toList(),
                "createdAt",
                key.createdAt().toString());
    }

    private static Set<Scope> scopes(RequestBody body) {
        var explicit = body.optionalArray("scopes");
        var use = body.optionalString("use");
        if (explicit.isPresent() && use.isPresent()) {
            throw ApiException.invalidParameter("scopes", "give either scopes or use, not both");
        }
        if (explicit.isPresent()) {
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (JsonNode scope : explicit.get()) {
                scopes.add(Scope.fromWireName(scope.asText())
                        .orElseThrow(() -> ApiException.invalidParameter("scopes", "unknown scope " + scope)));
            }
            if (scopes.isEmpty()) {
                throw ApiException.invalidParameter("scopes", "scopes must not be empty");
            }
            return scopes;
        }
        // no default: a misspelled field must not silently make a key with the production scopes
        return switch (use.orElseThrow(() -> ApiException.invalidParameter("scopes", "give scopes or use"))) {
            case "production" -> Scope.production();
            case "ci" -> Scope.ci();
            case "management" -> Scope.all();
            default -> throw ApiException.invalidParameter("use", "use must be production, ci or management");
        };
    }
}
