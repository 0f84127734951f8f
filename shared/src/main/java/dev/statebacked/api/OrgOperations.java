package dev.statebacked.api;

import dev.statebacked.auth.Caller;
import dev.statebacked.auth.Org;
import dev.statebacked.auth.OrgRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /orgs}: the org the caller's key belongs to (a key belongs to exactly one). */
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
        List<Map<String, Object>> items =
                orgs.find(caller.orgId()).map(OrgOperations::describe).stream().toList();
        return ApiResponse.json(200, Map.of("orgs", items));
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
