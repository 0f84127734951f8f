package dev.statebacked.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.engine.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of an instance as the host stores it: plain JSON, see {@link #toJson()} / {@link #fromJson(JsonNode)}.
 *
 * @param value        XState state value ("idle" or {"a": "b"})
 * @param context      the machine's context
 * @param historyValue XState's history value (for history states); null when none
 * @param children     child actors by id (invoke id or spawn name)
 * @param done         the machine reached a top-level final state
 * @param tags         tags of the active state nodes
 * @param event        the event that produced this state (null for an initial state)
 */
public record PersistedState(
        JsonNode value,
        JsonNode context,
        JsonNode historyValue,
        Map<String, ChildRef> children,
        boolean done,
        List<String> tags,
        JsonNode event) {
    public PersistedState {
        children = Map.copyOf(children);
        tags = List.copyOf(tags);
        historyValue = historyValue == null ? NullNode.getInstance() : historyValue;
        event = event == null ? NullNode.getInstance() : event;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.set("value", value);
        o.set("context", context);
        o.set("historyValue", historyValue);
        ObjectNode kids = o.putObject("children");
        children.forEach((id, c) -> {
            ObjectNode k = kids.putObject(id);
            k.put("kind", c.kind().name().toLowerCase());
            k.put("origin", c.origin().name().toLowerCase());
            if (c.kind() == ChildRef.Kind.PERSISTENT) {
                k.put("machineName", c.machineName());
                k.put("machineInstanceName", c.machineInstanceName());
                k.put("machineVersionId", c.machineVersionId());
            }
        });
        o.put("done", done);
        ArrayNode t = o.putArray("tags");
        tags.forEach(t::add);
        o.set("event", event);
        return o;
    }

    public String toJsonString() {
        return toJson().toString();
    }

    public static PersistedState fromJson(JsonNode o) {
        Map<String, ChildRef> kids = new LinkedHashMap<>();
        JsonNode c = o.path("children");
        c.properties().forEach(e -> {
            JsonNode k = e.getValue();
            kids.put(
                    e.getKey(),
                    new ChildRef(
                            ChildRef.Kind.valueOf(
                                    k.path("kind").asText("ephemeral").toUpperCase()),
                            ChildRef.Origin.valueOf(
                                    k.path("origin").asText("invoke").toUpperCase()),
                            textOrNull(k.get("machineName")),
                            textOrNull(k.get("machineInstanceName")),
                            textOrNull(k.get("machineVersionId"))));
        });
        List<String> tags = new ArrayList<>();
        o.path("tags").forEach(t -> tags.add(t.asText()));
        return new PersistedState(
                o.get("value"),
                o.get("context"),
                o.get("historyValue"),
                kids,
                o.path("done").asBoolean(false),
                tags,
                o.get("event"));
    }

    public static PersistedState fromJson(String json) {
        return fromJson(Json.parse(json));
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
