package dev.statebacked.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.api.Json;
import dev.statebacked.engine.PersistedState;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.Page;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Instances and their histories. Every transition is one transaction: the instance item, conditional on the
 * sequence it was read at, and the history entry numbered by the new sequence, which cannot exist yet.
 */
public final class InstanceRepository {
    private final ItemStore store;

    public InstanceRepository(ItemStore store) {
        this.store = store;
    }

    public record Transition(Instant at, JsonNode event, JsonNode stateValue) {
    }

    public record InstanceSummary(String name, Instant createdAt, InstanceStatus status, String versionId) {
    }

    public record InstancePage(List<InstanceSummary> instances, Optional<String> cursor) {
    }

    public record HistoryPage(List<Transition> transitions, Optional<String> cursor) {
    }

    public Optional<Instance> find(String orgId, String machineName, String instanceName) {
        return store.get(InstanceKeys.instance(orgId, machineName, instanceName))
                .map(item -> fromItem(orgId, machineName, instanceName, item));
    }

    /** The writes that create an instance with its initial state: fail if the name is taken. */
    public List<Write> create(Instance instance, JsonNode initialEvent) {
        ObjectNode listing = Json.MAPPER.createObjectNode()
                .put("createdAt", instance.createdAt().toEpochMilli())
                .put("versionId", instance.versionId());
        return List.of(
                new Write.PutIfAbsent(toItem(instance)),
                new Write.PutIfAbsent(StoredItem.of(InstanceKeys.listing(instance.orgId(), instance.machineName(),
                        instance.name()), 1, Json.write(listing))),
                historyWrite(instance, initialEvent));
    }

    /** The writes of one transition from {@code before} to {@code after}. */
    public List<Write> transition(Instance before, Instance after, JsonNode event) {
        return List.of(new Write.PutIfSequence(toItem(after), before.sequence()), historyWrite(after, event));
    }

    /** A change of the instance item alone (status, desired version), conditional on what was read. */
    public Write update(Instance before, Instance after) {
        return new Write.PutIfSequence(toItem(after), before.sequence());
    }

    public void commit(List<Write> writes) {
        store.writeAll(writes);
    }

    public InstancePage list(String orgId, String machineName, int limit, Optional<String> cursor) {
        Page page = store.query(InstanceKeys.listingPartition(orgId, machineName), "", limit, cursor, true);
        List<InstanceSummary> summaries = new ArrayList<>();
        for (StoredItem item : page.items()) {
            JsonNode body = Json.readBody(item.body());
            // the listing does not carry the status; it is read from the instance (a page is small)
            InstanceStatus status = find(orgId, machineName, item.key().sort()).map(Instance::status)
                    .orElse(InstanceStatus.RUNNING);
            summaries.add(new InstanceSummary(item.key().sort(), Instant.ofEpochMilli(body.path("createdAt").asLong()),
                    status, body.path("versionId").asText()));
        }
        return new InstancePage(summaries, page.cursor());
    }

    public HistoryPage history(String orgId, String machineName, String instanceName, int limit, Optional<String> cursor) {
        Page page = store.query(InstanceKeys.partition(orgId, machineName, instanceName), InstanceKeys.HISTORY_PREFIX,
                limit, cursor, true);
        List<Transition> transitions = page.items().stream().map(item -> {
            JsonNode body = Json.readBody(item.body());
            return new Transition(Instant.ofEpochMilli(body.path("createdAt").asLong()), body.get("event"), body.get("state"));
        }).toList();
        return new HistoryPage(transitions, page.cursor());
    }

    /** Removes the instance, its listing entry, lease and history. */
    public void delete(Instance instance) {
        String partition = InstanceKeys.partition(instance.orgId(), instance.machineName(), instance.name());
        List<Write> writes = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page page = store.query(partition, InstanceKeys.HISTORY_PREFIX, 100, cursor, true);
            page.items().forEach(item -> writes.add(new Write.Delete(item.key())));
            cursor = page.cursor();
        } while (cursor.isPresent());
        writes.add(new Write.Delete(InstanceKeys.lease(instance.orgId(), instance.machineName(), instance.name())));
        writes.add(new Write.Delete(InstanceKeys.listing(instance.orgId(), instance.machineName(), instance.name())));
        // the instance item goes in the last batch, conditional, so a concurrent transition fails the delete
        writes.add(new Write.DeleteIfSequence(InstanceKeys.instance(instance.orgId(), instance.machineName(),
                instance.name()), instance.sequence()));
        for (int from = 0; from < writes.size(); from += 100) {
            store.writeAll(writes.subList(from, Math.min(writes.size(), from + 100)));
        }
    }

    private static Write historyWrite(Instance instance, JsonNode event) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("createdAt", instance.updatedAt().toEpochMilli());
        body.set("state", instance.state().value());
        body.set("event", event);
        return new Write.PutIfAbsent(StoredItem.of(
                InstanceKeys.history(instance.orgId(), instance.machineName(), instance.name(), instance.sequence()), 1,
                Json.write(body)));
    }

    private static List<JsonNode> owedEvents(JsonNode body) {
        List<JsonNode> owed = new ArrayList<>();
        body.path("owedEvents").forEach(owed::add);
        return owed;
    }

    private static StoredItem toItem(Instance instance) {
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("versionId", instance.versionId())
                .put("status", instance.status().wireName())
                .put("createdAt", instance.createdAt().toEpochMilli())
                .put("updatedAt", instance.updatedAt().toEpochMilli());
        instance.desiredVersionId().ifPresent(v -> body.put("desiredVersionId", v));
        body.set("state", instance.state().toJson());
        var owed = body.putArray("owedEvents");
        instance.owedEvents().forEach(owed::add);
        return StoredItem.of(InstanceKeys.instance(instance.orgId(), instance.machineName(), instance.name()),
                instance.sequence(), Json.write(body));
    }

    private static Instance fromItem(String orgId, String machineName, String instanceName, StoredItem item) {
        JsonNode body = Json.readBody(item.body());
        return new Instance(orgId, machineName, instanceName, body.path("versionId").asText(),
                InstanceStatus.fromWireName(body.path("status").asText()).orElse(InstanceStatus.RUNNING),
                PersistedState.fromJson(body.get("state")), owedEvents(body),
                Instant.ofEpochMilli(body.path("createdAt").asLong()), Instant.ofEpochMilli(body.path("updatedAt").asLong()),
                Optional.ofNullable(body.get("desiredVersionId")).map(JsonNode::asText), item.sequence());
    }

}
