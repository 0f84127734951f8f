package dev.statebacked.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.json.Json;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Orgs, one item each at {@code org#<id> / org}. */
public final class OrgRepository {
    private final ItemStore store;
    private final Clock clock;

    public OrgRepository(ItemStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Org create(String name, boolean allowAnonymousAccess) {
        Org org = new Org(Identifiers.newOrgId(), name, allowAnonymousAccess, clock.instant());
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("id", org.id())
                .put("name", org.name())
                .put("allowAnonymousAccess", org.allowAnonymousAccess())
                .put("createdAt", org.createdAt().toEpochMilli());
        store.write(new Write.PutIfAbsent(StoredItem.of(keyOf(org.id()), 1, Json.write(body))));
        return org;
    }

    public Optional<Org> find(String orgId) {
        return store.get(keyOf(orgId)).map(item -> {
            JsonNode body = Json.readStored(item.body());
            return new Org(
                    body.path("id").asText(),
                    body.path("name").asText(),
                    body.path("allowAnonymousAccess").asBoolean(),
                    Instant.ofEpochMilli(body.path("createdAt").asLong()));
        });
    }

    static ItemKey keyOf(String orgId) {
        return new ItemKey("org#" + orgId, "org");
    }
}
