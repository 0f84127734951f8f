package dev.statebacked.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.engine.internal.Json;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** One engine for the whole test JVM (as in production: one per process) and small helpers for tests. */
public final class Engines {
    public static final MachineEngine SHARED = MachineEngine.create(EngineSettings.defaults()
            .withStatementLimit(0)
            // the web conformance tests answer fetch from a server of their own on loopback
            .withEgress(EgressPolicy.allowing("127.0.0.1")));
    private static final AtomicInteger IDS = new AtomicInteger();

    /** Default export allowRead/allowWrite that allow everything, for tests about the machine itself. */
    static final String ALLOW_ALL = "\nexport const allowRead = () => true;\nexport const allowWrite = () => true;\n";

    private Engines() {}

    /** Loads a module under a fresh version id; {@code machineDefinition} is the code after the xstate import. */
    static MachineVersion machine(String machineDefinition) {
        return SHARED.machine(
                "v" + IDS.incrementAndGet(),
                "import { createMachine, assign, send, sendParent, raise, choose, forwardTo, cancel, log, spawn, sendTo, actions, pure, stop } from 'xstate';\n"
                        + machineDefinition + ALLOW_ALL);
    }

    static MachineVersion rawModule(String code) {
        return SHARED.machine("v" + IDS.incrementAndGet(), code);
    }

    static JsonNode json(String json) {
        return Json.parse(json.replace('\'', '"'));
    }

    static JsonNode event(String type) {
        return Json.MAPPER.createObjectNode().put("type", type);
    }

    /**
     * Plays the host: runs effects, feeds back the machine's own events until nothing more comes (or the budget
     * ends). Like the host, every next transition starts from the stored (JSON) form of the state.
     */
    static Transition settle(MachineSession s, Transition t, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        s.runEffects(t);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return t;
            var next = s.awaitNextEvent(Duration.ofNanos(left));
            if (next.isEmpty()) return t;
            t = s.transition(roundTrip(t.state()), next.get());
            s.runEffects(t);
        }
    }

    /** What a host does between two events: the state goes through its JSON text form. */
    static PersistedState roundTrip(PersistedState state) {
        return PersistedState.fromJson(state.toJsonString());
    }
}
