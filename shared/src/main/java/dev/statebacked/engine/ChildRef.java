package dev.statebacked.engine;

/**
 * A child actor recorded in the persisted state. For persistent children the instance name actually used is
 * stored here and reused after a restore (bundles with @statebacked/machine 0.6.0 pick a random one per load).
 *
 * @param machineName         persistent only (else null)
 * @param machineInstanceName persistent only (else null)
 * @param machineVersionId    persistent only, may be null (the machine's current version)
 */
public record ChildRef(
        Kind kind, Origin origin, String machineName, String machineInstanceName, String machineVersionId) {
    public enum Kind {
        EPHEMERAL,
        PERSISTENT
    }

    public enum Origin {
        INVOKE,
        SPAWN
    }
}
