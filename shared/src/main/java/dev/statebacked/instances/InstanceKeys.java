package dev.statebacked.instances;

import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.store.ItemKey;
import java.util.Optional;

/** Where instances live in the table (see docs/design.md, "Table layout"). */
public final class InstanceKeys {
    public static final String STATE = "state";
    static final String HISTORY_PREFIX = "h#";
    static final String STATE_CHUNK_PREFIX = "state#chunk#";
    static final String APPLIED_MESSAGE_PREFIX = "msg#";

    private InstanceKeys() {}

    /** The partition listing a machine's instances, one item per instance, sorted by name. */
    public static String listingPartition(String orgId, String machineName) {
        return "org#" + orgId + "#m#" + machineName + "#instances";
    }

    /** The instance's own partition: its state, its history, state chunks and applied-message markers. */
    public static String partition(String orgId, String machineName, String instanceName) {
        return "inst#" + orgId + "#" + machineName + "#" + instanceName;
    }

    public static ItemKey instance(String orgId, String machineName, String instanceName) {
        return new ItemKey(partition(orgId, machineName, instanceName), STATE);
    }

    /** An instance as its state item's key names it: org ids and names have no {@code #} (see {@code Names}). */
    public record StoredInstance(String orgId, InstanceAddress address) {}

    /** The instance whose state item {@code key} is, if it is one. */
    public static Optional<StoredInstance> instanceOf(ItemKey key) {
        String[] parts = key.partition().split("#", -1);
        if (!key.sort().equals(STATE) || parts.length != 4 || !parts[0].equals("inst")) {
            return Optional.empty();
        }
        return Optional.of(new StoredInstance(parts[1], new InstanceAddress(parts[2], parts[3])));
    }

    static ItemKey history(String orgId, String machineName, String instanceName, long sequence) {
        return new ItemKey(
                partition(orgId, machineName, instanceName), HISTORY_PREFIX + String.format("%012d", sequence));
    }

    /** Part {@code index} of a state too large for one item (see {@link InstanceRepository}). */
    static ItemKey stateChunk(String orgId, String machineName, String instanceName, int index) {
        return new ItemKey(
                partition(orgId, machineName, instanceName), STATE_CHUNK_PREFIX + String.format("%05d", index));
    }

    /** Marks that the message {@code messageId} was applied (written with the transition it caused). */
    static ItemKey appliedMessage(String orgId, String machineName, String instanceName, String messageId) {
        return new ItemKey(partition(orgId, machineName, instanceName), APPLIED_MESSAGE_PREFIX + messageId);
    }

    static ItemKey listing(String orgId, String machineName, String instanceName) {
        return new ItemKey(listingPartition(orgId, machineName), instanceName);
    }
}
