package dev.statebacked.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.engine.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves a persisted state through a chain of migrations: at each hop, {@code upgradeState(path, context)} for every
 * leaf state path (one per active parallel region) and every path a history state remembers, then
 * {@code upgradeContext(oldPaths, newPaths, context)} with the leaf paths before and after. The target version then
 * resolves the last hop's paths and context into a state, which checks that each path exists there.
 */
public final class StateMigration {
    private StateMigration() {}

    /** A path a history state remembers: the state at {@code path[0..depth)} last had {@code path[depth..]} active. */
    record HistoryPath(int depth, List<String> path) {}

    public static MachineSession.Upgraded migrate(
            PersistedState state, List<MigrationVersion> chain, MachineSession target, JsonNode upgradeEvent) {
        return migrate(state, chain, target, upgradeEvent, new ArrayList<>());
    }

    /** {@link #migrate(PersistedState, List, MachineSession, JsonNode)}, adding what migrations print to {@code console}. */
    public static MachineSession.Upgraded migrate(
            PersistedState state,
            List<MigrationVersion> chain,
            MachineSession target,
            JsonNode upgradeEvent,
            List<LogRecord> console) {
        List<List<String>> leaves = leafPaths(state.value());
        List<HistoryPath> history = historyPaths(state.historyValue());
        JsonNode context = state.context();
        for (MigrationVersion migration : chain) {
            List<List<String>> newLeaves = new ArrayList<>();
            for (List<String> leaf : leaves) {
                newLeaves.add(migration.upgradeState(leaf, context, console));
            }
            List<HistoryPath> newHistory = new ArrayList<>();
            for (HistoryPath remembered : history) {
                newHistory.add(new HistoryPath(
                        remembered.depth(), migration.upgradeState(remembered.path(), context, console)));
            }
            context = migration.upgradeContext(leaves, newLeaves, context, console);
            leaves = newLeaves;
            history = newHistory;
        }
        ObjectNode upgrade = Json.MAPPER.createObjectNode();
        upgrade.set("leafPaths", Json.MAPPER.valueToTree(leaves));
        ArrayNode remembered = upgrade.putArray("historyPaths");
        history.forEach(
                h -> remembered.addObject().put("depth", h.depth()).set("path", Json.MAPPER.valueToTree(h.path())));
        upgrade.set("children", state.toJson().get("children"));
        return target.upgraded(upgrade, context == null ? Json.MAPPER.nullNode() : context, upgradeEvent);
    }

    /** {@code "a"} → [[a]]; {@code {"a": "b", "p": {"x": "y"}}} → [[a, b], [p, x, y]]. */
    static List<List<String>> leafPaths(JsonNode value) {
        List<List<String>> paths = new ArrayList<>();
        collectLeaves(value, new ArrayList<>(), paths);
        return paths;
    }

    private static void collectLeaves(JsonNode value, List<String> prefix, List<List<String>> paths) {
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isTextual()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(value.asText());
            paths.add(List.copyOf(path));
            return;
        }
        if (value.isObject() && value.isEmpty() && !prefix.isEmpty()) {
            paths.add(List.copyOf(prefix));
            return;
        }
        for (Map.Entry<String, JsonNode> child : value.properties()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(child.getKey());
            collectLeaves(child.getValue(), path, paths);
        }
    }

    /**
     * XState 4 keeps, for every compound state, the value it last had ({@code {current, states: {name: ...}}});
     * what a state below the root remembers is what its history state returns to.
     */
    static List<HistoryPath> historyPaths(JsonNode historyValue) {
        Set<HistoryPath> paths = new LinkedHashSet<>();
        collectHistory(historyValue, new ArrayList<>(), paths);
        return List.copyOf(paths);
    }

    private static void collectHistory(JsonNode node, List<String> at, Set<HistoryPath> paths) {
        if (node == null || !node.isObject()) {
            return;
        }
        if (!at.isEmpty() && node.has("current")) {
            for (List<String> leaf : leafPaths(node.get("current"))) {
                List<String> path = new ArrayList<>(at);
                path.addAll(leaf);
                paths.add(new HistoryPath(at.size(), List.copyOf(path)));
            }
        }
        for (Map.Entry<String, JsonNode> child : node.path("states").properties()) {
            List<String> below = new ArrayList<>(at);
            below.add(child.getKey());
            collectHistory(child.getValue(), below, paths);
        }
    }
}
