package dev.statebacked.api;

import dev.statebacked.auth.Caller;
import dev.statebacked.indexes.IndexQueries;
import dev.statebacked.indexes.IndexQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /machines/{m}/indexes/{index}/query}: the instances by their value of one index, a page at a time. */
public final class IndexOperations {
    private static final int DEFAULT_LIMIT = IndexQuery.MAX_LIMIT;

    private final IndexQueries queries;

    public IndexOperations(IndexQueries queries) {
        this.queries = queries;
    }

    public ApiResponse query(Caller caller, ApiRequest request, Map<String, String> path) {
        // not checked as a name: any name the machine does not declare is an unknown index (404)
        String index = path.get("indexName");
        String opName = request.queryParameter("op").orElse("eq");
        IndexQuery.Op op = IndexQuery.Op.parse(opName)
                .orElseThrow(() -> ApiException.invalidParameter("op", "op must be one of eq, ne, gt, gte, lt, lte"));
        String dir = request.queryParameter("dir").orElse("asc");
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw ApiException.invalidParameter("dir", "dir must be asc or desc");
        }
        // the empty value is a value (the lowest): not the absent parameter
        String value = Optional.ofNullable(request.query().get("value"))
                .orElseThrow(() -> ApiException.invalidParameter("value", "value is required"));
        int limit = request.queryParameter("limit").map(IndexOperations::limit).orElse(DEFAULT_LIMIT);
        IndexQueries.Result result = queries.query(
                caller.orgId(),
                path.get("machineName"),
                index,
                new IndexQuery(op, value, dir.equals("asc"), limit),
                Cursors.from(request));
        List<Map<String, Object>> instances = result.entries().stream()
                .map(entry -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("slug", entry.instanceName());
                    item.put("indexValue", entry.value());
                    return item;
                })
                .toList();
        return PageResponse.of("instances", instances, result.cursor());
    }

    private static int limit(String given) {
        try {
            int limit = Integer.parseInt(given);
            if (limit >= 1 && limit <= IndexQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below, as an out-of-range limit is
        }
        throw ApiException.invalidParameter("limit", "limit must be an integer from 1 to " + IndexQuery.MAX_LIMIT);
    }
}
