package dev.statebacked.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.engine.internal.JsRuntime;
import dev.statebacked.engine.internal.Json;
import dev.statebacked.engine.internal.RuntimePool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An exclusive lease on one warm JS context of a version, for processing one instance until it settles:
 * <pre>
 * try (var s = version.openSession()) {
 *   var t = s.transition(state, event);
 *   store.write(t.state());                // persist first
 *   s.runEffects(t); host.run(t.hostEffects());
 *   while (s.hasRunningServices() || ...) {
 *     var next = s.awaitNextEvent(remainingBudget);   // done/error of services, sendBack, sendParent of children
 *     if (next.isEmpty()) break;
 *     t = s.transition(t.state(), next.get()); ... // and again
 *   }
 *   var stopped = s.stopServices(); // budget over: error.platform.* events to deliver before the next event
 * }
 * </pre>
 * Not thread-safe: use it from one thread at a time. Any {@link EngineException} leaves the session unusable
 * (its context is discarded on close); open a new session to continue.
 */
public final class MachineSession implements AutoCloseable {
    /** How long an async authorizer may wait on timers/fetches (each JS call still has the per-call limit). */
    private static final Duration ASYNC_EXPORT_BUDGET = Duration.ofSeconds(30);

    private final RuntimePool pool;
    private final JsRuntime runtime;
    private Transition lastTransition;
    private boolean closed;

    MachineSession(RuntimePool pool, JsRuntime runtime) {
        this.pool = pool;
        this.runtime = runtime;
    }

    /** The initial state with this context (null: the machine's own initial context); entry actions are effects. */
    public Transition initialState(JsonNode context) {
        return remember(
                parseTransition(runtime.initial(context == null || context.isNull() ? null : context.toString())));
    }

    /** Applies one event to a persisted state. Restoring never re-runs the restored state's entry actions or timers. */
    public Transition transition(PersistedState state, JsonNode event) {
        if (event == null || !event.isObject() || !event.path("type").isTextual()) {
            throw new IllegalArgumentException("an event must be a JSON object with a string 'type'");
        }
        ObjectNode stored = state.toJson();
        JsonNode context = stored.remove("context");
        return remember(parseTransition(runtime.transition(
                stored.toString(), context == null ? "null" : context.toString(), event.toString())));
    }

    /**
     * The state a chain of migrations makes of {@code state} (of another version) on this session's version,
     * recorded as a transition from {@code event}; see {@link StateMigration}.
     */
    public Upgraded upgraded(ObjectNode upgrade, JsonNode context, JsonNode event) {
        JsRuntime.TransitionJson json = runtime.upgraded(upgrade.toString(), context.toString(), event.toString());
        Set<String> active = new HashSet<>();
        Json.parse(json.resultJson()).path("activeStateIds").forEach(id -> active.add(id.asText()));
        return new Upgraded(remember(parseTransition(json)), Set.copyOf(active));
    }

    /** A migrated state, and the ids of its active state nodes (whose {@code after} timers still apply). */
    public record Upgraded(Transition transition, Set<String> activeStateIds) {}

    /**
     * Runs the in-engine effects ({@link Effect#runsInEngine()}) of the most recent transition of this session:
     * custom actions, log, starting/stopping ephemeral services, sends to them and to self. Call after persisting.
     * Failures of actions do not throw (the state is already written): they are returned and logged.
     */
    public List<EffectFailure> runEffects(Transition transition) {
        if (transition != lastTransition) {
            throw new IllegalStateException("runEffects must get the most recent transition of this session, once");
        }
        lastTransition = null;
        JsonNode problems = Json.parse(runtime.runEffects());
        List<EffectFailure> out = new ArrayList<>();
        for (JsonNode p : problems) {
            EffectFailure f = new EffectFailure(
                    p.path("effect").asText(),
                    p.path("type").asText(null),
                    p.path("message").asText(),
                    p.path("stack").asText(""));
            runtime.log(LogRecord.Level.ERROR, f.effectKind() + " " + f.subject() + " failed: " + f.jsStack());
            out.add(f);
        }
        return out;
    }

    /**
     * Runs the session's event loop (timers, fetches, promise jobs) until the machine has an event for itself:
     * a done/error event of a service, a sendBack/sendParent of a child, or a send to self. Empty when
     * {@code maxWait} passed or nothing pending could ever produce an event.
     */
    public Optional<JsonNode> awaitNextEvent(Duration maxWait) {
        return runtime.awaitNextEvent(maxWait).map(Json::parse);
    }

    /** Ids of ephemeral services currently running in this session. */
    public List<String> runningServices() {
        List<String> ids = new ArrayList<>();
        Json.parse(runtime.runningServices()).forEach(n -> ids.add(n.asText()));
        return ids;
    }

    public boolean hasRunningServices() {
        return !runningServices().isEmpty();
    }

    /**
     * Stops every running service (the settle budget ran out) and returns, per service, the
     * {@code error.platform.<id>} event the host must deliver before the instance's next event.
     */
    public List<JsonNode> stopServices(String reason) {
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode id : Json.parse(runtime.stopAll())) {
            ObjectNode e = Json.MAPPER.createObjectNode();
            e.put("type", "error.platform." + id.asText());
            e.putObject("data").put("message", reason);
            events.add(e);
        }
        return events;
    }

    /** {@code allowRead({machineInstanceName, state, context, authContext})}; may be async. */
    public boolean allowRead(ReadRequest r) {
        ObjectNode arg = Json.MAPPER.createObjectNode();
        arg.put("machineInstanceName", r.machineInstanceName());
        arg.set("state", r.state().value());
        arg.set("context", r.state().context());
        arg.set("authContext", r.authContext());
        return isTrue(callExport("allowRead", arg));
    }

    /** {@code allowWrite({type: "event"|"initialization", machineInstanceName, ..., authContext})}; may be async. */
    public boolean allowWrite(WriteRequest r) {
        ObjectNode arg = Json.MAPPER.createObjectNode();
        switch (r) {
            case WriteRequest.Event e -> {
                arg.put("type", "event");
                arg.put("machineInstanceName", e.machineInstanceName());
                arg.set("state", e.state().value());
                arg.set("context", e.state().context());
                arg.set("event", e.event());
                arg.set("authContext", e.authContext());
            }
            case WriteRequest.Initialization i -> {
                arg.put("type", "initialization");
                arg.put("machineInstanceName", i.machineInstanceName());
                arg.set("context", i.context());
                arg.set("authContext", i.authContext());
            }
        }
        return isTrue(callExport("allowWrite", arg));
    }

    /** The endpoint the version's {@code httpApiMapper} has at {@code slug}, if it has one. */
    public Optional<HttpApiEndpoint> httpApiEndpoint(String slug) {
        String json = runtime.httpApiEndpoint(slug);
        return json == null
                ? Optional.empty()
                : Optional.of(new HttpApiEndpoint(
                        slug, Json.parse(json).path("responseMapper").asBoolean()));
    }

    /** {@code httpApiMapper[slug].handler({body, headers, method, query})}; may be async. */
    public JsonNode mapHttpRequest(HttpApiEndpoint endpoint, JsonNode request) {
        return callExport(httpApiFunction(endpoint, "handler"), request);
    }

    /** {@code httpApiMapper[slug].responseMapper({state, context, result})}; may be async. */
    public JsonNode mapHttpResponse(HttpApiEndpoint endpoint, JsonNode settled) {
        if (!endpoint.mapsResponses()) {
            throw new IllegalArgumentException("the endpoint " + endpoint.slug() + " has no responseMapper");
        }
        return callExport(httpApiFunction(endpoint, "responseMapper"), settled);
    }

    private static String httpApiFunction(HttpApiEndpoint endpoint, String function) {
        return "httpApiMapper." + endpoint.slug() + "." + function;
    }

    /** The data of the top-level final state {@code state} is in (a machine's result), else null. */
    public JsonNode doneData(PersistedState state) {
        ObjectNode stored = state.toJson();
        JsonNode context = stored.remove("context");
        return Json.parse(runtime.doneData(stored.toString(), context == null ? "null" : context.toString()));
    }

    /** Log records captured since the last call (console.*, log actions, action failures). */
    public List<LogRecord> drainLogs() {
        return runtime.drainLogs();
    }

    JsonNode callExport(String name, JsonNode... args) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (JsonNode n : args) a.add(n);
        return runtime.callUser(name, a.toString(), ASYNC_EXPORT_BUDGET);
    }

    private static boolean isTrue(JsonNode v) {
        return v != null && v.isBoolean() && v.booleanValue();
    }

    private Transition remember(Transition t) {
        lastTransition = t;
        return t;
    }

    private Transition parseTransition(JsRuntime.TransitionJson json) {
        long computedAt = System.nanoTime();
        JsonNode root = Json.parse(json.resultJson());
        ((ObjectNode) root.get("state")).set("context", Json.parse(json.contextJson()));
        PersistedState state = PersistedState.fromJson(root.get("state"));
        List<Effect> effects = new ArrayList<>();
        for (JsonNode e : root.get("effects")) effects.add(effect(e));
        JsonNode done = root.get("doneData");
        return new Transition(state, effects, done == null || done.isNull() ? null : done, computedAt);
    }

    private static Effect effect(JsonNode e) {
        return switch (e.get("kind").asText()) {
            case "action" ->
                new Effect.RunAction(
                        e.get("type").asText(), e.path("implemented").asBoolean());
            case "log" ->
                new Effect.Log(
                        LogRecord.Level.valueOf(e.path("level").asText("info").toUpperCase()),
                        e.path("message").asText());
            case "send" -> new Effect.Send(target(e.get("target")), e.get("event"));
            case "delayedSend" ->
                new Effect.DelayedSend(
                        e.get("sendId").asText(),
                        target(e.get("target")),
                        e.get("event"),
                        e.get("delayMs").asLong());
            case "cancel" -> new Effect.CancelDelayedSend(e.get("sendId").asText());
            case "startService" ->
                new Effect.StartService(
                        e.get("childId").asText(), origin(e), e.path("src").asText());
            case "stopService" -> new Effect.StopService(e.get("childId").asText());
            case "startPersistentChild" ->
                new Effect.StartPersistentChild(
                        e.get("childId").asText(),
                        origin(e),
                        e.get("machineName").asText(),
                        e.get("machineInstanceName").asText(),
                        text(e.get("machineVersionId")),
                        e.get("context"));
            case "stopPersistentChild" ->
                new Effect.StopPersistentChild(
                        e.get("childId").asText(),
                        e.get("machineName").asText(),
                        e.get("machineInstanceName").asText(),
                        text(e.get("machineVersionId")));
            default -> throw new IllegalStateException("unknown effect kind " + e);
        };
    }

    private static ChildRef.Origin origin(JsonNode e) {
        return ChildRef.Origin.valueOf(e.path("origin").asText("invoke").toUpperCase());
    }

    private static SendTarget target(JsonNode t) {
        return switch (t.get("kind").asText()) {
            case "self" -> new SendTarget.Self();
            case "parent" -> new SendTarget.Parent();
            case "ephemeralChild" ->
                new SendTarget.EphemeralChild(t.get("childId").asText());
            case "persistentChild" ->
                new SendTarget.PersistentChild(
                        t.get("childId").asText(),
                        text(t.get("machineName")),
                        text(t.get("machineInstanceName")),
                        text(t.get("machineVersionId")));
            default -> throw new IllegalStateException("unknown send target " + t);
        };
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** Stops the session's services and returns its context to the pool (or discards it if it failed). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        pool.give(runtime);
    }
}
