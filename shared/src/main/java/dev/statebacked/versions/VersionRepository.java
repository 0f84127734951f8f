package dev.statebacked.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.json.Json;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.Page;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finalized versions: one item per version in the partition {@code org#<org>#m#<machine>#versions}, sorted
 * by id, which starts with its creation time, so listing is oldest first.
 */
public final class VersionRepository {
    private final ItemStore store;

    public VersionRepository(ItemStore store) {
        this.store = store;
    }

    public Optional<MachineVersion> find(String orgId, String machineName, String versionId) {
        return store.get(keyOf(orgId, machineName, versionId)).map(item -> fromItem(orgId, machineName, item));
    }

    public VersionPage list(String orgId, String machineName, int limit, Optional<String> cursor) {
        Page page = store.query(partition(orgId, machineName), "", limit, cursor, true);
        return new VersionPage(
                page.items().stream()
                        .map(item -> fromItem(orgId, machineName, item))
                        .toList(),
                page.cursor());
    }

    /** The write that records a finalized version; fails if the id was finalized already. */
    public Write create(MachineVersion version) {
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("id", version.id())
                .put("createdAt", version.createdAt().toEpochMilli());
        version.clientInfo().ifPresent(c -> body.put("clientInfo", c));
        ObjectNode selectors = body.putObject("indexSelectors");
        version.indexSelectors().forEach(selectors::put);
        return new Write.PutIfAbsent(
                StoredItem.of(keyOf(version.orgId(), version.machineName(), version.id()), 1, Json.write(body)));
    }

    /** The writes that remove every version of a machine (for machine deletion). */
    public List<Write> deleteAll(String orgId, String machineName) {
        List<Write> writes = new java.util.ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page page = store.query(partition(orgId, machineName), "", 100, cursor, true);
            page.items().forEach(item -> writes.add(new Write.Delete(item.key())));
            cursor = page.cursor();
        } while (cursor.isPresent());
        return writes;
    }

    public record VersionPage(List<MachineVersion> versions, Optional<String> cursor) {}

    static String partition(String orgId, String machineName) {
        return "org#" + orgId + "#m#" + machineName + "#versions";
    }

    static ItemKey keyOf(String orgId, String machineName, String versionId) {
        return new ItemKey(partition(orgId, machineName), versionId);
    }

    private static MachineVersion fromItem(String orgId, String machineName, StoredItem item) {
        JsonNode body = Json.readStored(item.body());
        Map<String, String> selectors = new LinkedHashMap<>();
        body.path("indexSelectors")
                .fields()
                .forEachRemaining(e -> selectors.put(e.getKey(), e.getValue().asText()));
        return new MachineVersion(
                orgId,
                machineName,
                body.path("id").asText(),
                Instant.ofEpochMilli(body.path("createdAt").asLong()),
                Optional.ofNullable(body.get("clientInfo")).map(JsonNode::asText),
                selectors);
    }
}
