package dev.statebacked.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import dev.statebacked.auth.AnonymousSessions;
import dev.statebacked.auth.Caller;
import dev.statebacked.auth.ClaimMapping;
import dev.statebacked.auth.IdentityProvider;
import dev.statebacked.auth.IdentityProviderRepository;
import dev.statebacked.auth.KeyRepository;
import dev.statebacked.auth.TokenProvider;
import dev.statebacked.auth.TokenProviderRepository;
import dev.statebacked.failures.InvalidInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code /idps} and {@code /token-providers}: what an org's token exchange trusts and issues. */
public final class IdentityOperations {
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final IdentityProviderRepository identityProviders;
    private final TokenProviderRepository tokenProviders;
    private final KeyRepository keys;

    public IdentityOperations(
            IdentityProviderRepository identityProviders, TokenProviderRepository tokenProviders, KeyRepository keys) {
        this.identityProviders = identityProviders;
        this.tokenProviders = tokenProviders;
        this.keys = keys;
    }

    public ApiResponse listIdentityProviders(Caller caller, ApiRequest request, Map<String, String> path) {
        List<Map<String, Object>> items = identityProviders.list(caller.orgId()).stream()
                .map(IdentityOperations::describe)
                .toList();
        return PageResponse.of("idps", items, Optional.empty());
    }

    public ApiResponse upsertIdentityProvider(Caller caller, ApiRequest request, Map<String, String> path) {
        RequestBody body = RequestBody.of(request);
        Optional<String> iss = nonEmpty(body, "iss");
        Optional<String> aud = nonEmpty(body, "aud");
        requireIssuerOrAudience(iss, aud);
        List<JWSAlgorithm> algs = IdentityProvider.algorithms(strings(body, "algs"));
        Optional<String> key = nonEmpty(body, "key");
        Optional<String> jwksUrl = nonEmpty(body, "jwksUrl");
        boolean hmac = algs.stream().allMatch(JWSAlgorithm.Family.HMAC_SHA::contains);
        Optional<byte[]> secret = Optional.empty();
        Optional<URI> jwks = Optional.empty();
        if (hmac) {
            if (jwksUrl.isPresent() || key.isEmpty()) {
                throw new InvalidInput("key", "HMAC algorithms verify with a shared key: give key, not jwksUrl");
            }
            secret = Optional.of(base64Url(key.get()));
            IdentityProvider.checkSecretLength(algs, secret.get());
        } else {
            if (key.isPresent() || jwksUrl.isEmpty()) {
                throw new InvalidInput("jwksUrl", "public-key algorithms verify with a JWKS: give jwksUrl, not key");
            }
            jwks = Optional.of(absoluteHttpUrl(jwksUrl.get()));
        }
        identityProviders.put(caller.orgId(), iss, aud, algs, secret, jwks, mapping(body));
        return ApiResponse.empty(204);
    }

    public ApiResponse deleteIdentityProvider(Caller caller, ApiRequest request, Map<String, String> path) {
        RequestBody body = RequestBody.of(request);
        Optional<String> iss = nonEmpty(body, "iss");
        Optional<String> aud = nonEmpty(body, "aud");
        requireIssuerOrAudience(iss, aud);
        if (!identityProviders.delete(caller.orgId(), iss, aud)) {
            throw ApiException.notFound("no identity provider with this iss and aud");
        }
        return ApiResponse.empty(204);
    }

    public ApiResponse listTokenProviders(Caller caller, ApiRequest request, Map<String, String> path) {
        TokenProviderRepository.ProviderPage page = tokenProviders.list(caller.orgId(), Cursors.from(request));
        List<Map<String, Object>> items = page.providers().stream()
                .map(provider -> Map.<String, Object>of(
                        "service", provider.service(),
                        "keyId", provider.keyId(),
                        "mapping", provider.mapping().json()))
                .toList();
        return PageResponse.of("tokenProviders", items, page.cursor());
    }

    public ApiResponse upsertTokenProvider(Caller caller, ApiRequest request, Map<String, String> path) {
        RequestBody body = RequestBody.of(request);
        String service = body.requiredString("service");
        if (!SERVICE.matcher(service).matches()) {
            throw new InvalidInput("service", "service must be 1 to 128 characters of A-Za-z0-9_.-");
        }
        if (service.equals(AnonymousSessions.SERVICE)) {
            throw new InvalidInput(
                    "service", service + " is the anonymous sessions' service, which orgs do not configure");
        }
        String keyId = body.requiredString("keyId");
        if (keys.find(keyId).filter(k -> k.orgId().equals(caller.orgId())).isEmpty()) {
            throw new InvalidInput("keyId", "the org has no key " + keyId);
        }
        tokenProviders.put(new TokenProvider(caller.orgId(), service, keyId, mapping(body)));
        return ApiResponse.empty(204);
    }

    public ApiResponse deleteTokenProvider(Caller caller, ApiRequest request, Map<String, String> path) {
        String service = path.get("service");
        if (!tokenProviders.delete(caller.orgId(), service)) {
            throw ApiException.notFound("no token provider " + service);
        }
        return ApiResponse.empty(204);
    }

    private static Map<String, Object> describe(IdentityProvider provider) {
        Map<String, Object> item = new LinkedHashMap<>();
        provider.iss().ifPresent(iss -> item.put("iss", iss));
        provider.aud().ifPresent(aud -> item.put("aud", aud));
        item.put("algs", provider.algs().stream().map(JWSAlgorithm::getName).toList());
        provider.jwksUrl().ifPresent(url -> item.put("jwksUrl", url.toString()));
        item.put("mapping", provider.mapping().json());
        return item;
    }

    private static void requireIssuerOrAudience(Optional<String> iss, Optional<String> aud) {
        if (iss.isEmpty() && aud.isEmpty()) {
            throw new InvalidInput("iss", "give iss, aud or both");
        }
    }

    private static Optional<String> nonEmpty(RequestBody body, String field) {
        return body.optionalString(field).filter(value -> !value.isEmpty());
    }

    private static List<String> strings(RequestBody body, String field) {
        JsonNode array = body.optionalArray(field).orElseThrow(() -> new InvalidInput(field, field + " is required"));
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw new InvalidInput(field, field + " must be an array of strings");
            }
            values.add(value.asText());
        }
        return values;
    }

    private static ClaimMapping mapping(RequestBody body) {
        JsonNode mapping =
                body.optionalObject("mapping").orElseThrow(() -> new InvalidInput("mapping", "mapping is required"));
        try {
            return ClaimMapping.of(mapping);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("mapping", e.getMessage());
        }
    }

    private static byte[] base64Url(String key) {
        try {
            return Base64.getUrlDecoder().decode(key.replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("key", "key must be base64url");
        }
    }

    private static URI absoluteHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new InvalidInput("jwksUrl", "jwksUrl must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidInput("jwksUrl", "jwksUrl must be an absolute http(s) URL");
        }
    }
}
