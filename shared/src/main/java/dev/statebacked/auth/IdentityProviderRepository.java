package dev.statebacked.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import dev.statebacked.json.Json;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * An org's identity providers, one item each under the org ({@code org#<org> / idp#<iss and aud>}), so that a
 * token exchange reads them all with one query. Shared secrets are stored sealed, like key secrets.
 */
public final class IdentityProviderRepository {
    /** More than any org configures; a token exchange reads them all. */
    private static final int MAX_PROVIDERS = 100;

    private final ItemStore store;
    private final SecretSealer sealer;

    public IdentityProviderRepository(ItemStore store, SecretSealer sealer) {
        this.store = store;
        this.sealer = sealer;
    }

    /** Creates the provider of this iss/aud pair or replaces it (its algorithms, key, JWKS URL or mapping). */
    public IdentityProvider put(
            String orgId,
            Optional<String> iss,
            Optional<String> aud,
            List<JWSAlgorithm> algs,
            Optional<byte[]> secret,
            Optional<URI> jwksUrl,
            ClaimMapping mapping) {
        IdentityProvider provider = new IdentityProvider(
                orgId,
                iss,
                aud,
                algs,
                secret.map(bytes ->
                        sealer.seal(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))),
                jwksUrl,
                mapping);
        store.write(new Write.Put(StoredItem.of(keyOf(orgId, iss, aud), 1, Json.write(toJson(provider)))));
        return provider;
    }

    public List<IdentityProvider> list(String orgId) {
        return store.query("org#" + orgId, "idp#", MAX_PROVIDERS, Optional.empty(), true).items().stream()
                .map(item -> fromJson(orgId, Json.readStored(item.body())))
                .toList();
    }

    public boolean delete(String orgId, Optional<String> iss, Optional<String> aud) {
        ItemKey key = keyOf(orgId, iss, aud);
        if (store.get(key).isEmpty()) {
            return false;
        }
        store.write(new Write.Delete(key));
        return true;
    }

    public byte[] secretOf(IdentityProvider provider) {
        String sealed = provider.sealedKey().orElseThrow(() -> new IllegalStateException("provider has no key"));
        return Base64.getUrlDecoder().decode(sealer.open(sealed));
    }

    private static ItemKey keyOf(String orgId, Optional<String> iss, Optional<String> aud) {
        var pair = Json.MAPPER.createArrayNode().add(iss.orElse(null)).add(aud.orElse(null));
        String id = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Json.write(pair).getBytes(StandardCharsets.UTF_8));
        return new ItemKey("org#" + orgId, "idp#" + id);
    }

    private static ObjectNode toJson(IdentityProvider provider) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        provider.iss().ifPresent(iss -> node.put("iss", iss));
        provider.aud().ifPresent(aud -> node.put("aud", aud));
        var algs = node.putArray("algs");
        provider.algs().forEach(alg -> algs.add(alg.getName()));
        provider.sealedKey().ifPresent(key -> node.put("sealedKey", key));
        provider.jwksUrl().ifPresent(url -> node.put("jwksUrl", url.toString()));
        node.set("mapping", provider.mapping().json());
        return node;
    }

    private static IdentityProvider fromJson(String orgId, JsonNode node) {
        List<JWSAlgorithm> algs = new ArrayList<>();
        node.path("algs").forEach(alg -> algs.add(JWSAlgorithm.parse(alg.asText())));
        return new IdentityProvider(
                orgId,
                text(node, "iss"),
                text(node, "aud"),
                algs,
                text(node, "sealedKey"),
                text(node, "jwksUrl").map(URI::create),
                ClaimMapping.of(node.path("mapping")));
    }

    static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }
}
