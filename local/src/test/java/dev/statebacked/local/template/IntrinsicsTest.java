package dev.statebacked.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {
    private static final Map<String, String> PARAMETERS = Map.of(
            "DomainName",
            "api.example.com",
            "Empty",
            "",
            "AWS::Region",
            "us-east-1",
            "AWS::Partition",
            "aws",
            "AWS::AccountId",
            "000000000000");
    private static final Map<String, Object> CONDITIONS = template("""
            Conditions:
              HasDomain: !Not [!Equals [!Ref DomainName, ""]]
              HasEmpty: !Not [!Equals [!Ref Empty, ""]]
              Both: !And [!Condition HasDomain, !Condition HasEmpty]
              Either: !Or [!Condition HasDomain, !Condition HasEmpty]
            """).conditions();

    private final Intrinsics intrinsics =
            new Intrinsics(PARAMETERS::get, (id, attribute) -> id + "." + attribute, name -> this.holdsNamed(name));

    private boolean holdsNamed(String name) {
        return intrinsics.holds(CONDITIONS.get(name));
    }

    @Test
    void conditionsCombineEqualsNotAndOrAndOtherConditions() {
        assertThat(holdsNamed("HasDomain")).isTrue();
        assertThat(holdsNamed("HasEmpty")).isFalse();
        assertThat(holdsNamed("Both")).isFalse();
        assertThat(holdsNamed("Either")).isTrue();
    }

    @Test
    void anIfResolvesToTheBranchItsConditionChooses() {
        Map<String, Object> properties = template("""
                Value:
                  Url: !If [HasDomain, !Sub "https://${DomainName}", "none"]
                  Other: !If [HasEmpty, "yes", "no"]
                """).raw();

        assertThat(intrinsics.resolve(properties.get("Value")))
                .isEqualTo(Map.of("Url", "https://api.example.com", "Other", "no"));
    }

    @Test
    void aNoValueLeavesItsEntryOrItemOut() {
        Map<String, Object> properties = template("""
                Value:
                  Kept: kept
                  Dropped: !If [HasEmpty, "set", !Ref AWS::NoValue]
                  Items: [a, !Ref AWS::NoValue, b]
                """).raw();

        assertThat(intrinsics.resolve(properties.get("Value")))
                .isEqualTo(Map.of("Kept", "kept", "Items", List.of("a", "b")));
        assertThat(intrinsics.resolve(Map.of("Ref", "AWS::NoValue"))).isNull();
    }

    @Test
    void aSubResolvesPseudoParametersAndAttributes() {
        Object sub = template("""
                Value: !Sub "arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule/${Group}/* ${Table.Arn}"
                """).raw().get("Value");
        Intrinsics withGroup = new Intrinsics(
                name -> name.equals("Group") ? "timers" : PARAMETERS.get(name),
                (id, attribute) -> id + "." + attribute,
                name -> false);

        assertThat(withGroup.resolve(sub))
                .isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/timers/* Table.Arn");
    }

    @Test
    void aFunctionTheLocalStackDoesNotResolveIsRefused() {
        assertThatThrownBy(() -> intrinsics.resolve(Map.of("Fn::FindInMap", List.of("M", "k", "v"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Fn::FindInMap");
    }

    private static SamTemplate template(String yaml) {
        return SamTemplate.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
