package dev.statebacked.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.engine.internal.JsRuntime;
import dev.statebacked.engine.internal.Json;
import dev.statebacked.engine.internal.RuntimePool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A loaded migration module: {@code upgradeState(oldStatePath, context)} and {@code upgradeContext(oldStates, newStates, context)}. */
public final class MigrationVersion implements AutoCloseable {
    private final String migrationId;
    private final RuntimePool pool;

    MigrationVersion(String migrationId, RuntimePool pool) {
        this.migrationId = migrationId;
        this.pool = pool;
    }

    public String migrationId() {
        return migrationId;
    }

    /** Maps one leaf state path of the old version to a path of the new one. */
    public List<String> upgradeState(List<String> oldStatePath, JsonNode context) {
        return upgradeState(oldStatePath, context, new ArrayList<>());
    }

    /** {@link #upgradeState(List, JsonNode)}, adding what the migration printed to {@code console}, even if it throws. */
    public List<String> upgradeState(List<String> oldStatePath, JsonNode context, List<LogRecord> console) {
        JsonNode r = call("upgradeState", console, Json.MAPPER.valueToTree(oldStatePath), context);
        if (r == null || !r.isArray())
            throw new UserCodeError("upgradeState must return an array of strings, got " + r, "");
        List<String> out = new ArrayList<>();
        r.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Maps the context of the old version to the context of the new one. */
    public JsonNode upgradeContext(List<List<String>> oldStates, List<List<String>> newStates, JsonNode context) {
        return upgradeContext(oldStates, newStates, context, new ArrayList<>());
    }

    /** {@link #upgradeContext(List, List, JsonNode)}, adding what the migration printed to {@code console}. */
    public JsonNode upgradeContext(
            List<List<String>> oldStates, List<List<String>> newStates, JsonNode context, List<LogRecord> console) {
        return call(
                "upgradeContext",
                console,
                Json.MAPPER.valueToTree(oldStates),
                Json.MAPPER.valueToTree(newStates),
                context);
    }

    private JsonNode call(String name, List<LogRecord> console, JsonNode... args) {
        JsRuntime r = pool.take();
        try {
            var a = Json.MAPPER.createArrayNode();
            for (JsonNode n : args) a.add(n);
            return r.callUser(name, a.toString(), Duration.ofSeconds(30));
        } finally {
            // the runtime forgets its lines when it goes back to the pool: what a failing call printed explains it
            console.addAll(r.drainLogs());
            pool.give(r);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
