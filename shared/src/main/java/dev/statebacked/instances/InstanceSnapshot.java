package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a transition leaves behind, as clients see it ({@code value}, {@code context}, {@code tags},
 * {@code done}) plus the engine's own rehydration data, which this layer stores without reading.
 */
public record InstanceSnapshot(JsonNode value, JsonNode context, List<String> tags, boolean done, JsonNode engineState) {
    public InstanceSnapshot {
        tags = List.copyOf(tags);
    }

    /** {@code context.public}, the only part of the context clients are shown. */
    public JsonNode publicContext() {
        return context.path("public");
    }
}
