package dev.statebacked.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import dev.statebacked.failures.InvalidInput;
import dev.statebacked.json.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityProviderTest {
    private static IdentityProvider provider(Optional<String> iss, Optional<String> aud) {
        return new IdentityProvider(
                "org_a",
                iss,
                aud,
                List.of(JWSAlgorithm.RS256),
                Optional.empty(),
                Optional.empty(),
                ClaimMapping.of(Json.readStored("{}")));
    }

    @Test
    void oneProviderMayNotMixHmacAndPublicKeyAlgorithmsWhichWouldAllowAlgorithmConfusion() {
        assertThatThrownBy(() -> IdentityProvider.algorithms(List.of("RS256", "HS256")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("not both");
    }

    @Test
    void unknownUnsupportedOrNoAlgorithmsAreRefused() {
        assertThatThrownBy(() -> IdentityProvider.algorithms(List.of("none"))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> IdentityProvider.algorithms(List.of("XS256"))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> IdentityProvider.algorithms(List.of())).isInstanceOf(InvalidInput.class);
        assertThat(IdentityProvider.algorithms(List.of("RS256", "PS256", "ES256")))
                .containsExactly(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);
    }

    @Test
    void anHmacKeyShorterThanItsHashIsRefused() {
        assertThatThrownBy(() -> IdentityProvider.checkSecretLength(List.of(JWSAlgorithm.HS256), new byte[31]))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> IdentityProvider.checkSecretLength(
                        List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS512), new byte[32]))
                .hasMessageContaining("64 bytes");
        IdentityProvider.checkSecretLength(List.of(JWSAlgorithm.HS256), new byte[32]);
    }

    @Test
    void aTokenMatchesAProviderWhenEachIdentifierTheProviderSetsMatches() {
        var both = provider(Optional.of("https://issuer"), Optional.of("api"));
        var issuerOnly = provider(Optional.of("https://issuer"), Optional.empty());

        assertThat(both.matches(Optional.of("https://issuer"), List.of("other", "api")))
                .isTrue();
        assertThat(both.matches(Optional.of("https://issuer"), List.of("other")))
                .isFalse();
        assertThat(issuerOnly.matches(Optional.of("https://issuer"), List.of())).isTrue();
        assertThat(issuerOnly.matches(Optional.empty(), List.of("api"))).isFalse();
        assertThat(both.specificity()).isGreaterThan(issuerOnly.specificity());
    }
}
