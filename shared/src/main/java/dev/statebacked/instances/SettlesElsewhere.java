package dev.statebacked.instances;

/**
 * The event starts services, which may take the whole settle budget: more than an API function may take to answer.
 * Nothing was written; the processor function takes the event instead.
 */
public final class SettlesElsewhere extends RuntimeException {
    SettlesElsewhere() {
        super("the event starts services: settled by the processor function", null, false, false);
    }
}
