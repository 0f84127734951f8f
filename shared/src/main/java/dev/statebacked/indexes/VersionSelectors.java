package dev.statebacked.indexes;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.statebacked.json.JsonPaths;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The index selectors of one machine version, compiled, and the values they pick from a context. A selector that
 * picks a string indexes it; an array, each of its strings; anything else (number, object, null, nothing) indexes
 * nothing. Bounds keep every transition's writes inside one DynamoDB transaction (100 items): at most
 * {@link #MAX_VALUES_PER_INDEX} distinct values per index and {@link #MAX_VALUES_PER_INSTANCE} over all indexes (in
 * the order of index names), each at most {@link #MAX_VALUE_BYTES} bytes of UTF-8 (a sort key holds 1024) and
 * without U+0000 (the separator of the sort key); values beyond the bounds are not indexed.
 */
public final class VersionSelectors {
    public static final int MAX_VALUES_PER_INDEX = 25;
    /** A transition replacing all of them writes 2 x 40 entries, beside at most 5 items of its own. */
    public static final int MAX_VALUES_PER_INSTANCE = 40;

    public static final int MAX_VALUE_BYTES = 512;
    static final VersionSelectors NONE = new VersionSelectors(Map.of());

    /** By index name; an empty path is a selector that does not compile (it indexes nothing). */
    private final TreeMap<String, Optional<JsonPath>> paths = new TreeMap<>();

    private VersionSelectors(Map<String, Optional<JsonPath>> paths) {
        this.paths.putAll(paths);
    }

    /** Whether this version selects nothing, so no instance of it has index entries. */
    boolean selectsNothing() {
        return paths.isEmpty();
    }

    /** {@code selectors}: index name to JSONPath, as the version was finalized with. */
    public static VersionSelectors compile(Map<String, String> selectors) {
        Map<String, Optional<JsonPath>> compiled = new LinkedHashMap<>();
        selectors.forEach((index, selector) -> compiled.put(index, tryCompile(selector)));
        return new VersionSelectors(compiled);
    }

    /** Whether {@code selector} is a JSONPath (checked when a version is finalized). */
    public static boolean isValid(String selector) {
        return tryCompile(selector).isPresent();
    }

    private static Optional<JsonPath> tryCompile(String selector) {
        try {
            return Optional.of(JsonPath.compile(selector));
        } catch (InvalidPathException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The values to index of an instance with {@code context}, by index name (in name order). */
    public Map<String, Set<String>> values(JsonNode context) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        if (context == null || !context.isContainerNode()) {
            return values;
        }
        int total = 0;
        for (Map.Entry<String, Optional<JsonPath>> selector : paths.entrySet()) {
            if (selector.getValue().isEmpty()) {
                continue;
            }
            Set<String> picked = new LinkedHashSet<>();
            JsonNode found = JsonPath.using(JsonPaths.ON_JSON_NODES)
                    .parse(context)
                    .read(selector.getValue().get());
            if (found != null && found.isTextual()) {
                add(picked, found.asText(), total);
            } else if (found != null && found.isArray()) {
                for (JsonNode element : found) {
                    if (element.isTextual()) {
                        add(picked, element.asText(), total);
                    }
                }
            }
            if (!picked.isEmpty()) {
                values.put(selector.getKey(), picked);
                total += picked.size();
            }
        }
        return values;
    }

    private static void add(Set<String> picked, String value, int alreadyPicked) {
        if (picked.size() < MAX_VALUES_PER_INDEX
                && alreadyPicked + picked.size() < MAX_VALUES_PER_INSTANCE
                && value.indexOf(IndexKeys.SEPARATOR) < 0
                && value.getBytes(StandardCharsets.UTF_8).length <= MAX_VALUE_BYTES) {
            picked.add(value);
        }
    }
}
