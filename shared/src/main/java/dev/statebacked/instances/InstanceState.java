package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contract's {@code State}: what clients see of an instance (only the public part of the context). */
public record InstanceState(long ts, JsonNode value, JsonNode publicContext, List<String> tags, boolean done) {
    public static InstanceState of(Instance instance) {
        JsonNode publicContext = instance.state().context() == null
                ? null
                : instance.state().context().get("public");
        return new InstanceState(
                instance.updatedAt().toEpochMilli(),
                instance.state().value(),
                publicContext,
                instance.state().tags(),
                instance.state().done());
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ts", ts);
        json.put("state", value);
        if (publicContext != null && !publicContext.isNull()) {
            json.put("publicContext", publicContext);
        }
        json.put("tags", tags);
        json.put("done", done);
        return json;
    }
}
