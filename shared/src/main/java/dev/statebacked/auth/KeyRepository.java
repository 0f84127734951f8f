package dev.statebacked.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.json.Json;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.Page;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signing keys. A key is found by id when a token arrives ({@code key#<id> / key}); the org's list of
 * keys is a second item ({@code org#<orgId> / key#<id>}) written in the same transaction.
 */
public final class KeyRepository {
    private final ItemStore store;
    private final SecretSealer sealer;
    private final Clock clock;

    public KeyRepository(ItemStore store, SecretSealer sealer, Clock clock) {
        this.store = store;
        this.sealer = sealer;
        this.clock = clock;
    }

    public IssuedKey create(String orgId, String name, Set<Scope> scopes) {
        String secret = Identifiers.newKeySecret();
        ApiKey key = new ApiKey(Identifiers.newKeyId(), orgId, name, scopes, sealer.seal(secret), clock.instant());
        String body = Json.write(toJson(key));
        store.writeAll(List.of(
                new Write.PutIfAbsent(StoredItem.of(keyOf(key.id()), 1, body)),
                new Write.PutIfAbsent(StoredItem.of(orgListingKey(orgId, key.id()), 1, body))));
        return new IssuedKey(key, secret);
    }

    public Optional<ApiKey> find(String keyId) {
        return store.get(keyOf(keyId)).map(item -> fromJson(Json.readStored(item.body())));
    }

    /** One page of an org's keys, oldest id first. */
    public KeyPage listForOrg(String orgId, int limit, Optional<String> cursor) {
        Page page = store.query("org#" + orgId, "key#", limit, cursor, true);
        return new KeyPage(
                page.items().stream()
                        .map(item -> fromJson(Json.readStored(item.body())))
                        .toList(),
                page.cursor());
    }

    /** Removes the key of this org; false when the org has no such key. */
    public boolean delete(String orgId, String keyId) {
        Optional<ApiKey> key = find(keyId).filter(k -> k.orgId().equals(orgId));
        if (key.isEmpty()) {
            return false;
        }
        store.writeAll(List.of(new Write.Delete(keyOf(keyId)), new Write.Delete(orgListingKey(orgId, keyId))));
        return true;
    }

    public record KeyPage(List<ApiKey> keys, Optional<String> cursor) {}

    /** The secret a token signed with this key must be verified against. */
    public String secretOf(ApiKey key) {
        return sealer.open(key.sealedSecret());
    }

    static ItemKey keyOf(String keyId) {
        return new ItemKey("key#" + keyId, "key");
    }

    static ItemKey orgListingKey(String orgId, String keyId) {
        return new ItemKey("org#" + orgId, "key#" + keyId);
    }

    private static ObjectNode toJson(ApiKey key) {
        ObjectNode node = Json.MAPPER
                .createObjectNode()
                .put("id", key.id())
                .put("orgId", key.orgId())
                .put("name", key.name())
                .put("sealedSecret", key.sealedSecret())
                .put("createdAt", key.createdAt().toEpochMilli());
        var scopes = node.putArray("scopes");
        key.scopes().stream().map(Scope::wireName).sorted().forEach(scopes::add);
        return node;
    }

    private static ApiKey fromJson(JsonNode node) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        node.path("scopes").forEach(s -> Scope.fromWireName(s.asText()).ifPresent(scopes::add));
        return new ApiKey(
                node.path("id").asText(),
                node.path("orgId").asText(),
                node.path("name").asText(),
                scopes,
                node.path("sealedSecret").asText(),
                Instant.ofEpochMilli(node.path("createdAt").asLong()));
    }
}
