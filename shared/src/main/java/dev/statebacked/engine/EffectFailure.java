package dev.statebacked.engine;

/** An effect that failed while the engine ran it (after the state was written, so it cannot fail the transition). */
public record EffectFailure(String effectKind, String subject, String jsMessage, String jsStack) {}
