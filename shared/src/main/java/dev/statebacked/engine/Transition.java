package dev.statebacked.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The result of an initial state or a transition: the state to persist and the effects to run after the write.
 *
 * @param state    what the host stores
 * @param effects  in order; see {@link Effect#runsInEngine()}
 * @param doneData the {@code data} of the top-level final state when {@code state.done()}, else null
 */
public record Transition(PersistedState state, List<Effect> effects, JsonNode doneData) {
    public Transition {
        effects = List.copyOf(effects);
    }

    /** The effects the host carries out itself (timers, persistent children, sends to other instances). */
    public List<Effect> hostEffects() {
        return effects.stream().filter(e -> !e.runsInEngine()).toList();
    }
}
