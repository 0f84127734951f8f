package dev.statebacked.api;

import dev.statebacked.auth.Caller;
import dev.statebacked.auth.Org;
import dev.statebacked.auth.OrgRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code GET /orgs}: the org the caller acts in and the orgs its keys created; {@code POST /orgs}: a new org,
 * administered by the caller's org (its keys act in it by naming it in {@code x-statebacked-org-id}).
 */
public final class OrgOperations {
    /**
     * A self-hosted install meters nothing, but the client's types declare the limits as numbers: the largest
     * integer a JavaScript client reads exactly (Number.MAX_SAFE_INTEGER) says "no limit" without a null they
     * do not allow.
     */
    private static final long UNLIMITED = (1L << 53) - 1;
    /**
     * Whoever runs the install owns its org; what a caller may do is bounded by its key's scopes, not by a
     * member role.
     */
    private static final String ROLE = "admin";

    private final OrgRepository orgs;

    public OrgOperations(OrgRepository orgs) {
        this.orgs = orgs;
    }

    public ApiResponse list(Caller caller, ApiRequest request, Map<String, String> path) {
        List<Map<String, Object>> items = Stream.concat(
                        orgs.find(caller.orgId()).stream(), orgs.administeredBy(caller.orgId()).stream())
                .map(OrgOperations::describe)
                .toList();
        return ApiResponse.json(200, Map.of("orgs", items));
    }

    public ApiResponse create(Caller caller, ApiRequest request, Map<String, String> path) {
        RequestBody body = RequestBody.of(request);
        String name = body.requiredString("name");
        if (name.isBlank() || name.length() > 256) {
            throw ApiException.invalidParameter("name", "name must be 1 to 256 characters");
        }
        boolean anonymous = body.optionalBoolean("allowAnonymousAccess").orElse(true);
        Org org = orgs.create(name, anonymous, Optional.of(caller.orgId()));
        return ApiResponse.json(200, Map.of("id", org.id()));
    }

    private static Map<String, Object> describe(Org org) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", org.id());
        item.put("name", org.name());
        item.put("role", ROLE);
        item.put("createdAt", org.createdAt().toString());
        item.put("limits", Map.of("monthlyEventsLimit", UNLIMITED, "monthlyReadsLimit", UNLIMITED));
        return item;
    }
}
