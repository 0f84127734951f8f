package dev.statebacked.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.engine.ContextTooLargeError;
import dev.statebacked.engine.EngineException;
import dev.statebacked.engine.InvalidExportError;
import dev.statebacked.engine.InvalidModuleError;
import dev.statebacked.engine.LogRecord;
import dev.statebacked.engine.NonJsonContextError;
import dev.statebacked.engine.UserCodeError;
import dev.statebacked.engine.UserCodeLimitExceeded;
import dev.statebacked.engine.UserCodeTimeout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * One GraalJS context with one loaded module (a machine version or a migration) and the engine runtime.
 * Single-threaded: used by one session at a time. Any failure marks it broken, and a broken runtime is closed
 * instead of going back to the pool, so a half-finished call never leaks into the next one.
 */
public final class JsRuntime implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_LOG_CHARS = 8192;
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final JsPlatform platform;
    private final Context context;
    private final Deque<LogRecord> logs = new ArrayDeque<>();
    /** Work that must run on the session's thread: fetch completions (HTTP callbacks arrive on other threads). */
    private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();

    private volatile int generation;
    /** Bytes machine code allocated since the session began (the context was reset): bounded by the memory budget. */
    private long allocatedThisSession;

    private boolean broken;

    private final Source userModule;
    private final String kind;
    private final Value runtime;
    /** Puts back everything machine code could reach as it was before the module first ran; false if it cannot. */
    private final Value restorePristine;

    private final Value loop;
    private final Value fnInitial,
            fnTransition,
            fnUpgraded,
            fnRunEffects,
            fnTakeEvent,
            fnRunning,
            fnStopAll,
            fnReset,
            fnCallUser,
            fnCallResult,
            fnHttpApiEndpoint,
            fnDoneData;

    private record Completion(int generation, Runnable work) {}

    /** Creates a context and loads the module; {@code kind} is "machine" or "migration". Throws the typed errors. */
    public static JsRuntime create(JsPlatform platform, Source userModule, String kind) {
        return new JsRuntime(platform, userModule, kind);
    }

    private JsRuntime(JsPlatform platform, Source userModule, String kind) {
        this.platform = platform;
        var builder = Context.newBuilder("js")
                .engine(platform.engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(name -> false)
                .allowHostClassLoading(false)
                .allowNativeAccess(false)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowIO(IOAccess.newBuilder().fileSystem(platform.fileSystem).build())
                .out(java.io.OutputStream.nullOutputStream())
                .err(java.io.OutputStream.nullOutputStream())
                .option("js.esm-eval-returns-exports", "true")
                .option("js.console", "false")
                .option("js.print", "false")
                .option("js.load", "false")
                .option("js.graal-builtin", "false");
        if (platform.settings.statementLimit() > 0) {
            builder.resourceLimits(ResourceLimits.newBuilder()
                    .statementLimit(platform.settings.statementLimit(), JsPlatform.COUNTED_SOURCES)
                    .build());
        }
        this.context = builder.build();
        this.userModule = userModule;
        this.kind = kind;
        try {
            context.getBindings("js").putMember("__host", hostFunctions());
            Duration load = platform.settings.loadTimeout();
            guarded(load, () -> context.eval(platform.prelude));
            Value boot = guarded(load, () -> context.eval(platform.bootstrap));
            this.runtime = boot.getMember("runtime");
            this.loop = context.getBindings("js").getMember("__sb_loop");
            this.restorePristine = guarded(
                    load,
                    () -> context.eval(platform.pristine)
                            .execute(
                                    runtime,
                                    boot.getMember("xstate"),
                                    boot.getMember("machine"),
                                    boot.getMember("xstateModules")));
            loadUserModule();
            fnInitial = runtime.getMember("initial");
            fnTransition = runtime.getMember("transition");
            fnUpgraded = runtime.getMember("upgraded");
            fnRunEffects = runtime.getMember("runEffects");
            fnTakeEvent = runtime.getMember("takeEvent");
            fnRunning = runtime.getMember("runningServices");
            fnStopAll = runtime.getMember("stopAll");
            fnReset = runtime.getMember("reset");
            fnCallUser = runtime.getMember("callUser");
            fnCallResult = runtime.getMember("callResult");
            fnHttpApiEndpoint = runtime.getMember("httpApiEndpoint");
            fnDoneData = runtime.getMember("doneData");
        } catch (RuntimeException e) {
            closeQuietly();
            if (e instanceof PolyglotException pe)
                throw new InvalidModuleError("the module could not be loaded: " + pe.getMessage());
            throw e;
        }
    }

    /** Evaluates the module anew (fresh module state) and hands its exports to the runtime; throws the typed errors. */
    private void loadUserModule() {
        Duration load = platform.settings.loadTimeout();
        Value namespace;
        try {
            namespace = guarded(load, () -> context.eval(userModule));
        } catch (UserCodeError e) {
            throw new InvalidModuleError("the module could not be loaded: " + e.jsMessage());
        }
        String problems = guarded(
                load, () -> runtime.getMember("load").execute(namespace, kind).asString());
        JsonNode list = Json.parse(problems);
        if (!list.isEmpty()) {
            StringBuilder all = new StringBuilder();
            list.forEach(p -> all.append(all.isEmpty() ? "" : "; ")
                    .append(p.get("message").asText()));
            throw new InvalidExportError(list.get(0).get("name").asText(), all.toString());
        }
    }

    // ---------- calls used by sessions (all return JSON strings) ----------

    /** Result of initial/transition: the JSON of {state (without context), effects, doneData} and the context's JSON. */
    public record TransitionJson(String resultJson, String contextJson) {}

    public TransitionJson initial(String contextJson) {
        return transitionJson(callForPair(fnInitial, contextJson, platform.settings.maxContextBytes()));
    }

    /** The context travels as its own string so an event that assigns nothing can hand it back untouched. */
    public TransitionJson transition(String stateWithoutContextJson, String contextJson, String eventJson) {
        return transitionJson(callForPair(
                fnTransition, stateWithoutContextJson, contextJson, eventJson, platform.settings.maxContextBytes()));
    }

    /** A migration's result (leaf and history paths, children) resolved on this machine, see runtime.mjs. */
    public TransitionJson upgraded(String upgradeJson, String contextJson, String eventJson) {
        return transitionJson(
                callForPair(fnUpgraded, upgradeJson, contextJson, eventJson, platform.settings.maxContextBytes()));
    }

    private TransitionJson transitionJson(String[] pair) {
        String context = pair[1];
        // exact UTF-8 size, counted in Java where it is cheap
        long bytes = context.length() <= platform.settings.maxContextBytes() / 3
                ? context.length()
                : context.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > platform.settings.maxContextBytes()) {
            broken = true; // the transition is abandoned; keep the rule "a failed context is never reused"
            throw new ContextTooLargeError(bytes, platform.settings.maxContextBytes());
        }
        return new TransitionJson(pair[0], context);
    }

    /** JSON {@code {responseMapper: boolean}} of the HTTP API endpoint at {@code slug}, or null when there is none. */
    public String httpApiEndpoint(String slug) {
        return callForString(fnHttpApiEndpoint, slug);
    }

    /** The JSON of a persisted state's done data (null unless it is in a top-level final state with data). */
    public String doneData(String stateWithoutContextJson, String contextJson) {
        return callForString(fnDoneData, stateWithoutContextJson, contextJson);
    }

    public String runEffects() {
        return callForString(fnRunEffects);
    }

    public String runningServices() {
        return callForString(fnRunning);
    }

    public String stopAll() {
        return callForString(fnStopAll);
    }

    /** Calls a user export that may return a Promise, driving the event loop until it settles or {@code maxWait} passes. */
    public JsonNode callUser(String exportName, String argsJson, Duration maxWait) {
        call(fnCallUser, exportName, argsJson);
        long deadline = System.nanoTime() + maxWait.toNanos();
        for (int pumped = 0; ; pumped++) {
            String r = callForString(fnCallResult);
            if (r != null) {
                JsonNode outcome = Json.parse(r);
                if (outcome.has("error")) {
                    broken = true;
                    JsonNode err = outcome.get("error");
                    throw new UserCodeError(
                            err.path("message").asText(), err.path("stack").asText(""));
                }
                return outcome.get("value");
            }
            if (pastDeadline(deadline, pumped) || !pumpOnce(deadline)) {
                broken = true;
                throw new UserCodeError(exportName + " returned a promise that never settled", "");
            }
        }
    }

    /**
     * Runs the event loop until the machine has an event for itself, then returns it.
     * Empty when {@code maxWait} passed, or when nothing pending (timers, fetches) could ever produce one.
     */
    public Optional<String> awaitNextEvent(Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        for (int pumped = 0; ; pumped++) {
            String ev = callForString(fnTakeEvent);
            if (ev != null) return Optional.of(ev);
            if (pastDeadline(deadline, pumped) || !pumpOnce(deadline)) return Optional.empty();
        }
    }

    /**
     * Work that is due runs even at the deadline (a wait of zero still drains it), but only so much of it: once
     * the deadline has passed, a wait ends after its {@value #PUMPS_A_WAIT_MAY_TAKE}th unit of work. A timer that
     * re-arms itself at once ({@code setTimeout(tick, 0)}) would otherwise keep the loop busy past every deadline,
     * since each pass finds a due timer.
     */
    private static boolean pastDeadline(long deadlineNanos, int pumped) {
        return pumped >= PUMPS_A_WAIT_MAY_TAKE && System.nanoTime() >= deadlineNanos;
    }

    private static final int PUMPS_A_WAIT_MAY_TAKE = 1_000;

    /**
     * Runs one unit of pending work (a fetch completion or the due timers), waiting for it until the deadline.
     * Returns false when there is nothing left that could run, or the deadline passed.
     */
    private boolean pumpOnce(long deadlineNanos) {
        Completion ready = completions.poll();
        if (ready != null) {
            runCompletion(ready);
            return true;
        }
        long nextDue = callLoop("nextTimerDue").longValue();
        int fetches = callLoop("pendingFetches").intValue();
        long now = System.currentTimeMillis();
        if (nextDue >= 0 && nextDue <= now) {
            callLoop("runDueTimers", (double) now);
            return true;
        }
        if (nextDue < 0 && fetches == 0) return false;
        long waitNanos = deadlineNanos - System.nanoTime();
        if (nextDue >= 0) waitNanos = Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(nextDue - now));
        if (waitNanos <= 0) return System.nanoTime() < deadlineNanos;
        try {
            Completion c = completions.poll(waitNanos, TimeUnit.NANOSECONDS);
            if (c != null) runCompletion(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return System.nanoTime() < deadlineNanos || !completions.isEmpty();
    }

    private void runCompletion(Completion c) {
        if (c.generation() == generation) c.work().run();
    }

    /**
     * Readies the context for another session, as if it were new: forgets timers, services, queued events and
     * in-flight fetches, puts globals, built-ins and the shipped modules' objects back as they were before machine
     * code first ran, and evaluates the module again, so nothing one instance's code left behind is seen by the
     * next. What cannot be put back (something frozen or made non-configurable) breaks the runtime, which is then
     * closed rather than reused.
     */
    public void reset() {
        generation++;
        completions.clear();
        logs.clear();
        if (broken) return;
        try {
            call(fnReset);
            if (!guarded(
                    platform.settings.callTimeout(),
                    () -> restorePristine.execute().asBoolean())) {
                broken = true;
                return;
            }
            loadUserModule();
        } catch (RuntimeException e) {
            broken = true;
        } finally {
            logs.clear(); // what the module logs while loading belongs to no instance
            allocatedThisSession = 0;
        }
    }

    public List<LogRecord> drainLogs() {
        List<LogRecord> out = List.copyOf(logs);
        logs.clear();
        return out;
    }

    public void log(LogRecord.Level level, String message) {
        if (logs.size() >= platform.settings.maxLogRecords()) logs.pollFirst();
        logs.addLast(new LogRecord(
                level,
                Instant.now(),
                message.length() > MAX_LOG_CHARS
                        ? message.substring(0, MAX_LOG_CHARS) + "... (truncated, " + message.length() + " chars)"
                        : message));
    }

    public boolean isBroken() {
        return broken;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        broken = true;
        try {
            context.close(true);
        } catch (RuntimeException ignored) {
            // closing a cancelled context may report the cancellation again
        }
    }

    // ---------- guarded execution ----------

    private Value call(Value fn, Object... args) {
        return guarded(platform.settings.callTimeout(), () -> fn.execute(args));
    }

    /*
     * Reading a result enters the context too: were it read after guarded() returned, a context the watchdog had
     * just cancelled would throw a raw PolyglotException instead of the limit that stopped it. So every result is
     * read into Java inside the guard.
     */

    /** The call's string result, or null when it returned null. */
    private String callForString(Value fn, Object... args) {
        return guarded(platform.settings.callTimeout(), () -> {
            Value result = fn.execute(args);
            return result.isNull() ? null : result.asString();
        });
    }

    /** The two strings of an array result. */
    private String[] callForPair(Value fn, Object... args) {
        return guarded(platform.settings.callTimeout(), () -> {
            Value pair = fn.execute(args);
            return new String[] {
                pair.getArrayElement(0).asString(), pair.getArrayElement(1).asString()
            };
        });
    }

    /** A function of the event loop, with its number result. */
    private Number callLoop(String member, Object... args) {
        return guarded(platform.settings.callTimeout(), () -> {
            Value result = loop.getMember(member).execute(args);
            return result.isNumber() ? result.asDouble() : 0;
        });
    }

    private <T> T guarded(Duration limit, java.util.function.Supplier<T> body) {
        if (broken) throw new IllegalStateException("this JS context failed earlier and cannot be used");
        if (platform.settings.statementLimit() > 0) context.resetLimits();
        long allowance = Math.max(0, platform.settings.memoryPerSession() - allocatedThisSession);
        Watchdog.Armed armed = platform.watchdog.arm(context, limit, allowance);
        try {
            return body.get();
        } catch (PolyglotException e) {
            broken = true;
            throw armed.hasFired() ? stopped(armed.stoppedFor(), limit) : translate(e, limit);
        } catch (IllegalStateException e) {
            // the watchdog closed the context between two polyglot calls
            broken = true;
            if (armed.hasFired()) throw stopped(armed.stoppedFor(), limit);
            throw e;
        } finally {
            armed.close();
            allocatedThisSession += armed.allocated();
        }
    }

    private EngineException stopped(Watchdog.Limit why, Duration limit) {
        return switch (why) {
            case TIME -> new UserCodeTimeout(limit);
            case MEMORY ->
                new UserCodeLimitExceeded("machine code allocated more than "
                        + platform.settings.memoryPerSession() / (1024 * 1024) + " MiB (the memory budget of one event "
                        + "and the settling after it) and was stopped");
        };
    }

    private EngineException translate(PolyglotException e, Duration limit) {
        if (e.isResourceExhausted() || (e.isCancelled() && platform.settings.statementLimit() > 0)) {
            return new UserCodeLimitExceeded("machine code exceeded a resource limit (statement limit "
                    + platform.settings.statementLimit() + " per call, or memory): " + e.getMessage());
        }
        if (e.isCancelled()) return new UserCodeTimeout(limit);
        if (e.isGuestException() && !e.isInternalError()) {
            Value g = e.getGuestObject();
            if (g != null && g.hasMembers()) {
                Value kind = g.getMember("statebackedKind");
                if (kind != null && kind.isString()) {
                    switch (kind.asString()) {
                        case "contextTooLarge" -> {
                            return new ContextTooLargeError(
                                    g.getMember("size").asLong(), platform.settings.maxContextBytes());
                        }
                        case "nonJsonContext" -> {
                            return new NonJsonContextError(
                                    g.getMember("message").asString());
                        }
                        default -> {}
                    }
                }
            }
            String stack = null;
            if (g != null && g.hasMembers()) {
                Value s = g.getMember("stack");
                if (s != null && s.isString()) stack = s.asString();
            }
            return new UserCodeError(e.getMessage(), stack);
        }
        if (e.isSyntaxError()) return new InvalidModuleError(e.getMessage());
        return new UserCodeError(e.getMessage(), null);
    }

    // ---------- the Java functions behind the web APIs of the prelude ----------

    private ProxyObject hostFunctions() {
        Map<String, Object> f = new HashMap<>();
        f.put("log", (ProxyExecutable) a -> {
            log(
                    switch (a[0].asString()) {
                        case "debug" -> LogRecord.Level.DEBUG;
                        case "warn" -> LogRecord.Level.WARN;
                        case "error" -> LogRecord.Level.ERROR;
                        default -> LogRecord.Level.INFO;
                    },
                    a[1].asString());
            return null;
        });
        f.put("randomUUID", (ProxyExecutable) a -> UUID.randomUUID().toString());
        f.put("randomBytes", (ProxyExecutable) a -> {
            byte[] b = new byte[Math.min(65536, Math.max(0, a[0].asInt()))];
            RANDOM.nextBytes(b);
            return Base64.getEncoder().encodeToString(b);
        });
        f.put("digest", (ProxyExecutable) a -> {
            try {
                MessageDigest md = MessageDigest.getInstance(a[0].asString());
                return Base64.getEncoder()
                        .encodeToString(md.digest(Base64.getDecoder().decode(a[1].asString())));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalArgumentException("unsupported digest " + a[0].asString());
            }
        });
        f.put("hmac", (ProxyExecutable) a -> {
            String alg = "Hmac" + a[0].asString().replace("-", "");
            try {
                Mac mac = Mac.getInstance(alg);
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(a[1].asString()), alg));
                return Base64.getEncoder()
                        .encodeToString(mac.doFinal(Base64.getDecoder().decode(a[2].asString())));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalArgumentException("HMAC failed: " + e.getMessage());
            }
        });
        f.put("fetch", (ProxyExecutable) this::startFetch);
        // zip(compress|decompress, format, base64): base64 of the result, or "error:<why>" (never base64) so the
        // prelude can reject with the web's TypeError instead of a host exception
        f.put("zip", (ProxyExecutable) a -> {
            try {
                return platform.compression.run(a[0].asString(), a[1].asString(), a[2].asString());
            } catch (Compression.Failed e) {
                return "error:" + e.getMessage();
            }
        });
        return ProxyObject.fromMap(f);
    }

    /** fetch(id, method, url, headersJson, bodyBase64|null, timeoutMs): the response comes back through the event loop. */
    private Object startFetch(Value[] a) {
        int id = a[0].asInt();
        String url = a[2].asString();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Json.parse(a[3].asString()).forEach(h -> {
            String name = h.get(0).asText();
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase()))
                headers.add(Map.entry(name, h.get(1).asText()));
        });
        byte[] body = a[4].isNull() ? null : Base64.getDecoder().decode(a[4].asString());
        double timeoutMs = a[5].asDouble();
        Duration timeout = timeoutMs > 0 ? Duration.ofMillis((long) timeoutMs) : platform.settings.fetchTimeout();
        int gen = generation;
        platform.http
                .send(new EgressHttpClient.Request(a[1].asString(), url, headers, body), timeout)
                .whenComplete((resp, err) -> {
                    Runnable work;
                    if (err != null) {
                        String msg = err instanceof EgressHttpClient.FetchFailed ? err.getMessage() : err.toString();
                        work = () -> callLoop("fetchDone", id, 0, "", url, "[]", "", msg);
                    } else {
                        var hs = Json.MAPPER.createArrayNode();
                        resp.headers().forEach((k, v) -> hs.addArray().add(k).add(v));
                        String b64 = Base64.getEncoder().encodeToString(resp.body());
                        work = () -> callLoop("fetchDone", id, resp.status(), "", resp.url(), hs.toString(), b64, null);
                    }
                    completions.add(new Completion(gen, work));
                });
        return null;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
