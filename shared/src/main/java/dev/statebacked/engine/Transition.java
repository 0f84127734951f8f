package dev.statebacked.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The result of an initial state or a transition: the state to persist and the effects to run after the write.
 *
 * @param state    what the host stores
 * @param effects  in order; see {@link Effect#runsInEngine()}
 * @param doneData the {@code data} of the top-level final state when {@code state.done()}, else null
 * @param computedAtNanos {@link System#nanoTime()} when the engine returned it. Machine code read the clock just
 *                 before (a delayed send's due time is {@code Date.now() + delay} to it), so the host dates the
 *                 timers of this transition from this moment, not from when it gets to write them
 */
public record Transition(PersistedState state, List<Effect> effects, JsonNode doneData, long computedAtNanos) {
    public Transition {
        effects = List.copyOf(effects);
    }

    public Transition(PersistedState state, List<Effect> effects, JsonNode doneData) {
        this(state, effects, doneData, System.nanoTime());
    }

    /** How long ago the engine returned this transition. */
    public java.time.Duration age() {
        return java.time.Duration.ofNanos(Math.max(0, System.nanoTime() - computedAtNanos));
    }

    /** The effects the host carries out itself (timers, persistent children, sends to other instances). */
    public List<Effect> hostEffects() {
        return effects.stream().filter(e -> !e.runsInEngine()).toList();
    }
}
