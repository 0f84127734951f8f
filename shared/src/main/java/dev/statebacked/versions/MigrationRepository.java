package dev.statebacked.versions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.Page;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finalized migrations: one item each in the partition {@code org#<org>#m#<machine>#migrations}. */
public final class MigrationRepository {
    private final ItemStore store;

    public MigrationRepository(ItemStore store) {
        this.store = store;
    }

    public Optional<Migration> find(String orgId, String machineName, String migrationId) {
        return store.get(keyOf(orgId, machineName, migrationId))
                .map(item -> fromJson(orgId, machineName, Json.readStored(item.body())));
    }

    /** Every migration of the machine: a path is searched through all of them. */
    public List<Migration> all(String orgId, String machineName) {
        List<Migration> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page page = store.query(partition(orgId, machineName), "", 100, cursor, true);
            page.items().forEach(item -> all.add(fromJson(orgId, machineName, Json.readStored(item.body()))));
            cursor = page.cursor();
        } while (cursor.isPresent());
        return all;
    }

    /** Records a finalized migration; fails if its id was finalized already. */
    public Write create(Migration migration) {
        var body = Json.MAPPER
                .createObjectNode()
                .put("id", migration.id())
                .put("fromMachineVersionId", migration.fromVersionId())
                .put("toMachineVersionId", migration.toVersionId())
                .put("createdAt", migration.createdAt().toEpochMilli());
        return new Write.PutIfAbsent(
                StoredItem.of(keyOf(migration.orgId(), migration.machineName(), migration.id()), 1, Json.write(body)));
    }

    /** The writes that remove every migration of a machine (for machine deletion). */
    public List<Write> deleteAll(String orgId, String machineName) {
        return all(orgId, machineName).stream()
                .<Write>map(m -> new Write.Delete(keyOf(orgId, machineName, m.id())))
                .toList();
    }

    private static String partition(String orgId, String machineName) {
        return "org#" + orgId + "#m#" + machineName + "#migrations";
    }

    private static ItemKey keyOf(String orgId, String machineName, String migrationId) {
        return new ItemKey(partition(orgId, machineName), migrationId);
    }

    private static Migration fromJson(String orgId, String machineName, JsonNode body) {
        return new Migration(
                orgId,
                machineName,
                body.path("id").asText(),
                body.path("fromMachineVersionId").asText(),
                body.path("toMachineVersionId").asText(),
                Instant.ofEpochMilli(body.path("createdAt").asLong()));
    }
}
