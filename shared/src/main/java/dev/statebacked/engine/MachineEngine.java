package dev.statebacked.engine;

import dev.statebacked.engine.internal.JsPlatform;
import dev.statebacked.engine.internal.JsRuntime;
import dev.statebacked.engine.internal.RuntimePool;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide entry point: one GraalJS engine shared by every version, machine versions and migrations
 * cached by id. Pure: no storage, no HTTP server, no clocks of its own besides the JS event loop of a session.
 */
public final class MachineEngine implements AutoCloseable {
    private final JsPlatform platform;
    private final Map<String, MachineVersion> machines = new ConcurrentHashMap<>();
    private final Map<String, MigrationVersion> migrations = new ConcurrentHashMap<>();

    private MachineEngine(EngineSettings settings) {
        this.platform = new JsPlatform(settings);
    }

    public static MachineEngine create() {
        return new MachineEngine(EngineSettings.defaults());
    }

    public static MachineEngine create(EngineSettings settings) {
        return new MachineEngine(settings);
    }

    /**
     * Loads (or returns the cached) machine version. Versions are immutable, so the code of an id is read once.
     * Validates the module: throws {@link InvalidModuleError} or {@link InvalidExportError} naming the export.
     */
    public MachineVersion machine(String versionId, String moduleCode) {
        MachineVersion v = machines.get(versionId);
        if (v != null) return v;
        synchronized (machines) {
            v = machines.get(versionId);
            if (v != null) return v;
            v = new MachineVersion(versionId, load(versionId, moduleCode, "machine"));
            machines.put(versionId, v);
            return v;
        }
    }

    /** Loads (or returns the cached) migration; it must export upgradeState and upgradeContext. */
    public MigrationVersion migration(String migrationId, String moduleCode) {
        return migrations.computeIfAbsent(
                migrationId, id -> new MigrationVersion(id, load(id, moduleCode, "migration")));
    }

    /** Checks a machine bundle without caching it (for uploads): throws the same errors as {@link #machine}. */
    public void validateMachine(String moduleCode) {
        JsRuntime r = JsRuntime.create(platform, platform.userModule("validation", moduleCode), "machine");
        r.close();
    }

    /** Checks a migration bundle without caching it. */
    public void validateMigration(String moduleCode) {
        JsRuntime r = JsRuntime.create(platform, platform.userModule("validation", moduleCode), "migration");
        r.close();
    }

    /**
     * Exercises the engine with a built-in machine (load, transitions, an invoked promise) so XState is parsed and
     * hot paths are warm: call it before a snapshot (Lambda SnapStart) or at server start. Returns transitions run.
     */
    public int warmUp(java.time.Duration duration) {
        MachineVersion v = machine("__statebacked_warmup", """
                import { createMachine, assign } from "xstate";
                export default createMachine({ initial: "a", context: { n: 0 }, states: {
                  a: { on: { GO: { target: "b", cond: (c) => c.n >= 0, actions: assign({ n: (c) => c.n + 1 }) } } },
                  b: { invoke: { src: () => Promise.resolve(1), onDone: "a" }, after: { 1000: "a" } } } });
                export const allowRead = () => true;
                export const allowWrite = () => true;
                """);
        long end = System.nanoTime() + duration.toNanos();
        int n = 0;
        try (MachineSession s = v.openSession()) {
            Transition t = s.initialState(null);
            var go = dev.statebacked.engine.internal.Json.MAPPER
                    .createObjectNode()
                    .put("type", "GO");
            do {
                t = s.transition(PersistedState.fromJson(t.state().toJsonString()), go);
                s.runEffects(t);
                var next = s.awaitNextEvent(java.time.Duration.ofSeconds(1));
                if (next.isPresent()) {
                    t = s.transition(t.state(), next.get());
                    s.runEffects(t);
                }
                n += 2;
            } while (System.nanoTime() < end);
        }
        evict("__statebacked_warmup");
        return n;
    }

    /** Drops a cached version and closes its warm contexts. */
    public void evict(String versionId) {
        MachineVersion v = machines.remove(versionId);
        if (v != null) v.close();
        MigrationVersion m = migrations.remove(versionId);
        if (m != null) m.close();
    }

    /** Whether GraalJS's optimizing compiler is active (else JS is interpreted, several times slower). */
    public boolean jitEnabled() {
        return platform.jit();
    }

    /** The polyglot implementation name, for diagnostics (benchmarks print it). */
    public String implementationName() {
        return platform.implementationName();
    }

    public EngineSettings settings() {
        return platform.settings();
    }

    private RuntimePool load(String id, String code, String kind) {
        RuntimePool pool = new RuntimePool(platform, platform.userModule(id, code), kind);
        pool.prime(pool.take()); // validates now and leaves one warm context
        return pool;
    }

    @Override
    public void close() {
        machines.values().forEach(MachineVersion::close);
        migrations.values().forEach(MigrationVersion::close);
        platform.close();
    }
}
