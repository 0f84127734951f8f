package dev.statebacked.auth;

import com.nimbusds.jose.JWSAlgorithm;
import dev.statebacked.failures.InvalidInput;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An issuer whose tokens an org trusts for token exchange, identified by its {@code iss} and/or {@code aud}.
 * Tokens are verified with a shared secret (HMAC algorithms) or with the keys its JWKS URL serves (RSA, RSA-PSS,
 * EC), never both: one provider mixing the two families would let a token signed with the public key as an HMAC
 * secret pass (algorithm confusion).
 */
public record IdentityProvider(
        String orgId,
        Optional<String> iss,
        Optional<String> aud,
        List<JWSAlgorithm> algs,
        Optional<String> sealedKey,
        Optional<URI> jwksUrl,
        ClaimMapping mapping) {
    private static final Set<JWSAlgorithm> HMAC = JWSAlgorithm.Family.HMAC_SHA;
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    public IdentityProvider {
        algs = List.copyOf(algs);
    }

    public boolean usesSharedSecret() {
        return HMAC.containsAll(algs);
    }

    /** Whether this provider is the one a token with these claims names: each identifier it sets must match. */
    public boolean matches(Optional<String> tokenIssuer, List<String> tokenAudiences) {
        return iss.map(i -> tokenIssuer.filter(i::equals).isPresent()).orElse(true)
                && aud.map(tokenAudiences::contains).orElse(true);
    }

    /** How many identifiers it sets: a provider naming both iss and aud wins over one naming either. */
    public int specificity() {
        return (iss.isPresent() ? 1 : 0) + (aud.isPresent() ? 1 : 0);
    }

    /** The algorithms named on the wire, refused with the reason when unknown or unsupported. */
    public static List<JWSAlgorithm> algorithms(List<String> names) {
        if (names.isEmpty()) {
            throw new InvalidInput("algs", "algs must name at least one algorithm");
        }
        List<JWSAlgorithm> algs = names.stream()
                .map(name -> {
                    JWSAlgorithm alg = JWSAlgorithm.parse(name);
                    if (!HMAC.contains(alg) && !ASYMMETRIC.contains(alg)) {
                        throw new InvalidInput("algs", "unsupported algorithm " + name);
                    }
                    return alg;
                })
                .distinct()
                .toList();
        boolean hmac = algs.stream().anyMatch(HMAC::contains);
        boolean asymmetric = algs.stream().anyMatch(ASYMMETRIC::contains);
        if (hmac && asymmetric) {
            throw new InvalidInput("algs", "algs must be all HMAC (HS*) or all public-key algorithms, not both");
        }
        return algs;
    }

    /** RFC 7518: an HMAC key is at least as long as the hash; shorter ones are refused when configured. */
    public static void checkSecretLength(List<JWSAlgorithm> algs, byte[] secret) {
        int longestHash = algs.stream()
                .mapToInt(alg -> Integer.parseInt(alg.getName().substring(2)))
                .max()
                .orElse(256);
        if (secret.length * 8 < longestHash) {
            throw new InvalidInput("key", "key must be at least " + longestHash / 8 + " bytes for " + algs);
        }
    }
}
