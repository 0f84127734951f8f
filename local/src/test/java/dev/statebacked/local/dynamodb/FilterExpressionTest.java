package dev.statebacked.local.dynamodb;

import static dev.statebacked.local.dynamodb.EmulatorExtension.n;
import static dev.statebacked.local.dynamodb.EmulatorExtension.s;
import static dev.statebacked.local.dynamodb.EmulatorExtension.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class FilterExpressionTest {
    @RegisterExtension
    final EmulatorExtension ddb = new EmulatorExtension();

    @BeforeEach
    void seed() {
        ddb.createTable("things", null);
        put("a", Map.of("n", n(1), "name", s("alpha"), "tags", AttributeValue.fromSs(List.of("red", "blue"))));
        put("b", Map.of("n", n(5), "name", s("beta"), "things", AttributeValue.fromL(List.of(s("x"), n(2)))));
        put(
                "c",
                Map.of(
                        "n",
                        s("5"),
                        "name",
                        s("gamma"),
                        "m",
                        AttributeValue.fromM(Map.of("deep", AttributeValue.fromBool(true)))));
        put("d", Map.of("n", n(10)));
    }

    @Test
    void comparisonsOnlyMatchValuesOfTheSameType() {
        assertThat(scan("n >= :five", Map.of(":five", n(5)))).containsExactlyInAnyOrder("b", "d");
        assertThat(scan("n = :five", Map.of(":five", s("5")))).containsExactly("c");
        assertThat(scan("n BETWEEN :lo AND :hi", Map.of(":lo", n(2), ":hi", n(10))))
                .containsExactlyInAnyOrder("b", "d");
        assertThat(scan("n IN (:a, :b)", Map.of(":a", n(1), ":b", s("5")))).containsExactlyInAnyOrder("a", "c");
        assertThat(scan("#name <> :alpha", Map.of(":alpha", s("alpha")))).containsExactlyInAnyOrder("b", "c", "d");
    }

    @Test
    void functionsAndBooleanOperatorsFollowDynamoDbPrecedence() {
        assertThat(scan("contains(tags, :red) OR contains(#name, :et)", Map.of(":red", s("red"), ":et", s("et"))))
                .containsExactlyInAnyOrder("a", "b");
        assertThat(scan("contains(things, :two)", Map.of(":two", n(2)))).containsExactly("b");
        assertThat(scan("size(#name) > :four", Map.of(":four", n(4)))).containsExactlyInAnyOrder("a", "c");
        assertThat(scan("attribute_type(n, :t)", Map.of(":t", s("S")))).containsExactly("c");
        assertThat(scan("begins_with(#name, :b) AND NOT attribute_exists(tags)", Map.of(":b", s("b"))))
                .containsExactly("b");
        assertThat(scan("m.deep = :t", Map.of(":t", AttributeValue.fromBool(true))))
                .containsExactly("c");
        assertThat(scan("things[1] = :two", Map.of(":two", n(2)))).containsExactly("b");
        // AND binds tighter than OR; parentheses override.
        assertThat(scan("n = :one OR n = :ten AND attribute_exists(#name)", Map.of(":one", n(1), ":ten", n(10))))
                .containsExactly("a");
        assertThat(scan("(n = :one OR n = :ten) AND attribute_not_exists(#name)", Map.of(":one", n(1), ":ten", n(10))))
                .containsExactly("d");
    }

    private List<String> scan(String filter, Map<String, AttributeValue> values) {
        Map<String, String> names = filter.contains("#name") ? Map.of("#name", "name") : null;
        var page = ddb.client()
                .scan(b -> b.tableName("things")
                        .filterExpression(filter)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values));
        assertThat(page.scannedCount()).isEqualTo(4);
        return strings(page.items(), "pk");
    }

    private void put(String pk, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put("pk", s(pk));
        ddb.client().putItem(b -> b.tableName("things").item(item));
    }
}
