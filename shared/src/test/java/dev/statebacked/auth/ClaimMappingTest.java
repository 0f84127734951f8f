package dev.statebacked.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.statebacked.json.Json;
import org.junit.jupiter.api.Test;

class ClaimMappingTest {
    private static final String CLAIMS =
            "{\"sub\":\"user-1\",\"email\":\"a@example.com\",\"app_metadata\":{\"roles\":[\"admin\",\"editor\"]}}";

    private static String apply(String mapping) {
        return Json.write(ClaimMapping.of(Json.readStored(mapping)).apply(Json.readStored(CLAIMS)));
    }

    @Test
    void aKeyEndingInDotDollarTakesTheJsonPathItNamesUnderTheKeyWithoutTheSuffix() {
        assertThat(apply("{\"sub.$\":\"$.sub\",\"roles.$\":\"$.app_metadata.roles\"}"))
                .isEqualTo("{\"sub\":\"user-1\",\"roles\":[\"admin\",\"editor\"]}");
    }

    @Test
    void otherKeysAreLiteralsAndObjectsAreMappingsOfTheirOwn() {
        assertThat(apply("{\"provider\":\"supabase\",\"n\":3,\"user\":{\"email.$\":\"$.email\",\"kind\":\"person\"}}"))
                .isEqualTo(
                        "{\"provider\":\"supabase\",\"n\":3,\"user\":{\"email\":\"a@example.com\",\"kind\":\"person\"}}");
    }

    @Test
    void aPathThatMatchesNothingLeavesItsKeyOut() {
        assertThat(apply("{\"sub.$\":\"$.sub\",\"phone.$\":\"$.phone\",\"deep.$\":\"$.a.b.c\"}"))
                .isEqualTo("{\"sub\":\"user-1\"}");
    }

    @Test
    void aMappingThatIsNotAnObjectOrHasABadPathIsRefusedWhenConfigured() {
        assertThatThrownBy(() -> ClaimMapping.of(Json.readStored("[]"))).hasMessageContaining("object");
        assertThatThrownBy(() -> ClaimMapping.of(Json.readStored("{\"sub.$\":\"$[\"}")))
                .hasMessageContaining("sub.$");
        assertThatThrownBy(() -> ClaimMapping.of(Json.readStored("{\"sub.$\":3}")))
                .hasMessageContaining("JSONPath string");
    }
}
