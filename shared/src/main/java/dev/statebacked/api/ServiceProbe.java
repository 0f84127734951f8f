package dev.statebacked.api;

/** A cheap call that shows whether one backing service answers; throws when it does not. */
public interface ServiceProbe {
    String name();

    void check();
}
