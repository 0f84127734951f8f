package dev.statebacked.instances;

import dev.statebacked.store.ItemKey;

/** Where instances live in the table (see architecture.md, "Table layout"). */
public final class InstanceKeys {
    private InstanceKeys() {
    }

    /** The partition listing a machine's instances, one item per instance, sorted by name. */
    public static String listingPartition(String orgId, String machineName) {
        return "org#" + orgId + "#m#" + machineName + "#instances";
    }

    public static ItemKey instance(String orgId, String machineName, String instanceName) {
        return new ItemKey("inst#" + orgId + "#" + machineName + "#" + instanceName, "state");
    }
}
