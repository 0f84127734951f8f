package dev.statebacked.api;

/** A cheap call that shows whether one backing service answers; {@code check} throws when it does not. */
public record ServiceProbe(String name, Runnable check) {}
