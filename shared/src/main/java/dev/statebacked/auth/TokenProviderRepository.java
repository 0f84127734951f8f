package dev.statebacked.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.json.Json;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.util.Optional;

/** An org's token providers, one item each under the org ({@code org#<org> / token-provider#<service>}). */
public final class TokenProviderRepository {
    private static final int PAGE_SIZE = 50;

    private final ItemStore store;

    public TokenProviderRepository(ItemStore store) {
        this.store = store;
    }

    public void put(TokenProvider provider) {
        var body = Json.MAPPER
                .createObjectNode()
                .put("service", provider.service())
                .put("keyId", provider.keyId())
                .set("mapping", provider.mapping().json());
        store.write(new Write.Put(StoredItem.of(keyOf(provider.orgId(), provider.service()), 1, Json.write(body))));
    }

    public Optional<TokenProvider> find(String orgId, String service) {
        return store.get(keyOf(orgId, service)).map(item -> fromJson(orgId, Json.readStored(item.body())));
    }

    public record ProviderPage(java.util.List<TokenProvider> providers, Optional<String> cursor) {}

    public ProviderPage list(String orgId, Optional<String> cursor) {
        var page = store.query("org#" + orgId, "token-provider#", PAGE_SIZE, cursor, true);
        return new ProviderPage(
                page.items().stream()
                        .map(item -> fromJson(orgId, Json.readStored(item.body())))
                        .toList(),
                page.cursor());
    }

    public boolean delete(String orgId, String service) {
        ItemKey key = keyOf(orgId, service);
        if (store.get(key).isEmpty()) {
            return false;
        }
        store.write(new Write.Delete(key));
        return true;
    }

    private static ItemKey keyOf(String orgId, String service) {
        return new ItemKey("org#" + orgId, "token-provider#" + service);
    }

    private static TokenProvider fromJson(String orgId, JsonNode node) {
        return new TokenProvider(
                orgId,
                node.path("service").asText(),
                node.path("keyId").asText(),
                ClaimMapping.of(node.path("mapping")));
    }
}
