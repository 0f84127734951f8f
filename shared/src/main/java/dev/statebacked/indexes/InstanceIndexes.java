package dev.statebacked.indexes;

import dev.statebacked.instances.IndexWrites;
import dev.statebacked.instances.Instance;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import dev.statebacked.versions.MachineVersion;
import dev.statebacked.versions.VersionRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The index entries of an instance, as a pure function of the instance before and after a write: each side's values
 * come from its own version's selectors (so a creation, a transition, an upgrade to another version and a deletion
 * are all the same computation), and only a value that changed is written, a put for one gained and a delete for
 * one lost. The writes join the instance's own transaction (see {@code CommitPoint}).
 */
public final class InstanceIndexes implements IndexWrites {
    /** An index entry holds nothing beyond its key. */
    private static final String ENTRY_BODY = "{}";

    private final VersionRepository versions;
    // versions are immutable: their selectors can be kept for the life of the process
    private final ConcurrentHashMap<String, VersionSelectors> selectors = new ConcurrentHashMap<>();

    public InstanceIndexes(VersionRepository versions) {
        this.versions = versions;
    }

    @Override
    public List<Write> between(Optional<Instance> before, Optional<Instance> after) {
        Optional<VersionSelectors> wasSelected = before.map(this::selectors);
        Optional<VersionSelectors> isSelected = after.map(this::selectors);
        // most machines index nothing: no context is compared or read for them
        if (wasSelected.map(VersionSelectors::selectsNothing).orElse(true)
                && isSelected.map(VersionSelectors::selectsNothing).orElse(true)) {
            return List.of();
        }
        if (before.isPresent() && after.isPresent() && unchanged(before.get(), after.get())) {
            return List.of(); // a status, a claim, timers: nothing that an index reads
        }
        Map<String, Set<String>> was =
                wasSelected.map(s -> s.values(before.get().state().context())).orElse(Map.of());
        Map<String, Set<String>> is =
                isSelected.map(s -> s.values(after.get().state().context())).orElse(Map.of());
        List<Write> writes = new ArrayList<>();
        Instance instance = after.or(() -> before).orElseThrow();
        was.forEach((index, values) -> {
            Set<String> kept = is.getOrDefault(index, Set.of());
            values.stream()
                    .filter(value -> !kept.contains(value))
                    .forEach(value -> writes.add(new Write.Delete(entry(instance, index, value))));
        });
        is.forEach((index, values) -> {
            Set<String> had = was.getOrDefault(index, Set.of());
            values.stream()
                    .filter(value -> !had.contains(value))
                    .forEach(value ->
                            writes.add(new Write.Put(StoredItem.of(entry(instance, index, value), 1, ENTRY_BODY))));
        });
        return writes;
    }

    private static boolean unchanged(Instance before, Instance after) {
        return before.versionId().equals(after.versionId())
                && before.state().context().equals(after.state().context());
    }

    /** The values {@code instance} is indexed under, by index. */
    public Map<String, Set<String>> values(Instance instance) {
        return selectors(instance).values(instance.state().context());
    }

    private VersionSelectors selectors(Instance instance) {
        return selectors(instance.orgId(), instance.machineName(), instance.versionId());
    }

    private VersionSelectors selectors(String orgId, String machineName, String versionId) {
        String key = orgId + "/" + machineName + "/" + versionId;
        VersionSelectors cached = selectors.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<MachineVersion> version = versions.find(orgId, machineName, versionId);
        if (version.isEmpty()) {
            return VersionSelectors.NONE; // not cached: a version being finalized may not be readable yet
        }
        VersionSelectors compiled = VersionSelectors.compile(version.get().indexSelectors());
        selectors.put(key, compiled);
        return compiled;
    }

    private static ItemKey entry(Instance instance, String index, String value) {
        return IndexKeys.entry(instance.orgId(), instance.machineName(), index, value, instance.name());
    }
}
