package dev.statebacked.engine;

/** Where a send goes. */
public sealed interface SendTarget {
    /** The machine itself (send() without target, raise() with a delay, after-timers). */
    record Self() implements SendTarget {}

    /** The parent instance (sendParent, escalate): always another persistent instance. */
    record Parent() implements SendTarget {}

    /** An ephemeral child running in the session (invoked machine/callback, spawned actor). */
    record EphemeralChild(String childId) implements SendTarget {}

    /** A persistent child instance, with the names recorded when it was created. */
    record PersistentChild(String childId, String machineName, String machineInstanceName, String machineVersionId)
            implements SendTarget {}
}
