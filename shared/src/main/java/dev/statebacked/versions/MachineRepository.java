package dev.statebacked.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.instances.InstanceKeys;
import dev.statebacked.json.Json;
import dev.statebacked.store.ConflictingWriteException;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.Page;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Machines of an org: one item each in the partition {@code org#<org>#machines}, sorted by name. */
public final class MachineRepository {
    private final ItemStore store;

    public MachineRepository(ItemStore store) {
        this.store = store;
    }

    /** Creates the machine; false when one of that name exists. */
    public boolean create(String orgId, String name, List<String> indexes, Instant now) {
        Machine machine = new Machine(orgId, name, now, Optional.empty(), indexes, 1);
        try {
            store.write(new Write.PutIfAbsent(toItem(machine)));
            return true;
        } catch (ConflictingWriteException exists) {
            return false;
        }
    }

    public Optional<Machine> find(String orgId, String name) {
        return store.get(keyOf(orgId, name)).map(item -> fromItem(orgId, item));
    }

    public MachinePage list(String orgId, int limit, Optional<String> cursor) {
        Page page = store.query(partition(orgId), "", limit, cursor, true);
        return new MachinePage(
                page.items().stream().map(item -> fromItem(orgId, item)).toList(), page.cursor());
    }

    public boolean hasInstances(String orgId, String name) {
        return !store.query(InstanceKeys.listingPartition(orgId, name), "", 1, Optional.empty(), true)
                .items()
                .isEmpty();
    }

    /** The write that makes {@code versionId} current, valid only while the machine is as read. */
    public Write makeCurrent(Machine machine, String versionId) {
        Machine updated = new Machine(
                machine.orgId(),
                machine.name(),
                machine.createdAt(),
                Optional.of(versionId),
                machine.indexes(),
                machine.sequence() + 1);
        return new Write.PutIfSequence(toItem(updated), machine.sequence());
    }

    /** The writes that remove the machine, valid only while it is as read. */
    public List<Write> delete(Machine machine) {
        List<Write> writes = new ArrayList<>();
        writes.add(new Write.DeleteIfSequence(keyOf(machine.orgId(), machine.name()), machine.sequence()));
        return writes;
    }

    public record MachinePage(List<Machine> machines, Optional<String> cursor) {}

    static String partition(String orgId) {
        return "org#" + orgId + "#machines";
    }

    static ItemKey keyOf(String orgId, String name) {
        return new ItemKey(partition(orgId), name);
    }

    private static StoredItem toItem(Machine machine) {
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("name", machine.name())
                .put("createdAt", machine.createdAt().toEpochMilli());
        machine.currentVersionId().ifPresent(v -> body.put("currentVersionId", v));
        var indexes = body.putArray("indexes");
        machine.indexes().forEach(indexes::add);
        return StoredItem.of(keyOf(machine.orgId(), machine.name()), machine.sequence(), Json.write(body));
    }

    private static Machine fromItem(String orgId, StoredItem item) {
        JsonNode body = Json.readStored(item.body());
        List<String> indexes = new ArrayList<>();
        body.path("indexes").forEach(i -> indexes.add(i.asText()));
        return new Machine(
                orgId,
                body.path("name").asText(),
                Instant.ofEpochMilli(body.path("createdAt").asLong()),
                Optional.ofNullable(body.get("currentVersionId")).map(JsonNode::asText),
                indexes,
                item.sequence());
    }
}
