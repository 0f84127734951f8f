package dev.statebacked.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.engine.internal.RuntimePool;

/** A loaded machine version. Thread-safe: each session takes its own warm context from the version's pool. */
public final class MachineVersion implements AutoCloseable {
    private final String versionId;
    private final RuntimePool pool;

    MachineVersion(String versionId, RuntimePool pool) {
        this.versionId = versionId;
        this.pool = pool;
    }

    public String versionId() {
        return versionId;
    }

    /** Leases a context for processing one instance: transitions, effects, event loop. Close it when settled. */
    public MachineSession openSession() {
        return new MachineSession(pool, pool.take());
    }

    /** One-shot initial state (effects are returned but not run). */
    public Transition initialState(JsonNode context) {
        try (MachineSession s = openSession()) {
            return s.initialState(context);
        }
    }

    /** One-shot transition (effects are returned but not run). */
    public Transition transition(PersistedState state, JsonNode event) {
        try (MachineSession s = openSession()) {
            return s.transition(state, event);
        }
    }

    /** One-shot allowRead. */
    public boolean allowRead(ReadRequest request) {
        try (MachineSession s = openSession()) {
            return s.allowRead(request);
        }
    }

    /** One-shot allowWrite. */
    public boolean allowWrite(WriteRequest request) {
        try (MachineSession s = openSession()) {
            return s.allowWrite(request);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
