package dev.statebacked.api;

import dev.statebacked.auth.Caller;
import dev.statebacked.auth.OrgRepository;
import java.util.List;
import java.util.Map;

/** {@code GET /orgs}: the org the caller's key belongs to (a key belongs to exactly one). */
public final class OrgOperations {
    private final OrgRepository orgs;

    public OrgOperations(OrgRepository orgs) {
        this.orgs = orgs;
    }

    public ApiResponse list(Caller caller, ApiRequest request, Map<String, String> path) {
        List<Map<String, Object>> items = orgs.find(caller.orgId())
                .map(org -> List.<Map<String, Object>>of(Map.of("id", org.id(), "name", org.name(),
                        "createdAt", org.createdAt().toString())))
                .orElse(List.of());
        return ApiResponse.json(200, Map.of("orgs", items));
    }
}
