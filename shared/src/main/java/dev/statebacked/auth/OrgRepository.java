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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Orgs, one item each at {@code org#<id> / org}; an org created by another is also listed under its
 * administrator ({@code org#<admin> / administers#<id>}), written in the same transaction.
 */
public final class OrgRepository {
    private static final int MAX_ADMINISTERED = 1000;

    private final ItemStore store;
    private final Clock clock;

    public OrgRepository(ItemStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** An org of its own: the first org of an install, made by whoever holds its AWS credentials. */
    public Org create(String name, boolean allowAnonymousAccess) {
        return create(name, allowAnonymousAccess, Optional.empty());
    }

    public Org create(String name, boolean allowAnonymousAccess, Optional<String> administeredBy) {
        Org org = new Org(Identifiers.newOrgId(), name, allowAnonymousAccess, clock.instant(), administeredBy);
        String body = Json.write(toJson(org));
        List<Write> writes = new ArrayList<>();
        writes.add(new Write.PutIfAbsent(StoredItem.of(keyOf(org.id()), 1, body)));
        administeredBy.ifPresent(admin ->
                writes.add(new Write.PutIfAbsent(StoredItem.of(administeredKey(admin, org.id()), 1, body))));
        store.writeAll(writes);
        return org;
    }

    public Optional<Org> find(String orgId) {
        return store.get(keyOf(orgId)).map(item -> fromJson(Json.readStored(item.body())));
    }

    /** The orgs this org's keys created, oldest id first. */
    public List<Org> administeredBy(String orgId) {
        return store.query("org#" + orgId, "administers#", MAX_ADMINISTERED, Optional.empty(), true).items().stream()
                .map(item -> fromJson(Json.readStored(item.body())))
                .toList();
    }

    static ItemKey keyOf(String orgId) {
        return new ItemKey("org#" + orgId, "org");
    }

    private static ItemKey administeredKey(String adminOrgId, String orgId) {
        return new ItemKey("org#" + adminOrgId, "administers#" + orgId);
    }

    private static ObjectNode toJson(Org org) {
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("id", org.id())
                .put("name", org.name())
                .put("allowAnonymousAccess", org.allowAnonymousAccess())
                .put("createdAt", org.createdAt().toEpochMilli());
        org.administeredBy().ifPresent(admin -> body.put("administeredBy", admin));
        return body;
    }

    private static Org fromJson(JsonNode body) {
        return new Org(
                body.path("id").asText(),
                body.path("name").asText(),
                body.path("allowAnonymousAccess").asBoolean(),
                Instant.ofEpochMilli(body.path("createdAt").asLong()),
                Optional.ofNullable(body.get("administeredBy")).map(JsonNode::asText));
    }
}
