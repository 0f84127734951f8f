package dev.statebacked.local.dynamodb;

import static dev.statebacked.local.dynamodb.EmulatorExtension.item;
import static dev.statebacked.local.dynamodb.EmulatorExtension.n;
import static dev.statebacked.local.dynamodb.EmulatorExtension.s;
import static dev.statebacked.local.dynamodb.EmulatorExtension.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

class QueryTest {
    @RegisterExtension
    final EmulatorExtension ddb = new EmulatorExtension();

    @Test
    void numericSortKeysComeBackInNumericOrderBothWays() {
        ddb.createTable("events", ScalarAttributeType.N);
        List<String> numbers =
                List.of("10", "-2.5", "0", "3", "-100", "0.001", "1e3", "2", "-0.5", "99999999999999999999");
        for (String v : numbers) ddb.client().putItem(b -> b.tableName("events").item(item("pk", "p", "sk", n(v))));
        ddb.client().putItem(b -> b.tableName("events").item(item("pk", "other", "sk", 1)));

        var ascending = ddb.client()
                .query(b -> b.tableName("events")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(strings(ascending.items(), "sk"))
                .containsExactly("-100", "-2.5", "-0.5", "0", "0.001", "2", "3", "10", "1000", "99999999999999999999");
        var descending = ddb.client()
                .query(b -> b.tableName("events")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))
                        .scanIndexForward(false));
        assertThat(strings(descending.items(), "sk"))
                .containsExactly("99999999999999999999", "1000", "10", "3", "2", "0.001", "0", "-0.5", "-2.5", "-100");
    }

    @Test
    void stringSortKeysUseUtf8ByteOrderAndSupportRangeConditions() {
        ddb.createTable("docs", ScalarAttributeType.S);
        for (String v : List.of("b", "a", "ab", "B", "\uD83D\uDE00", "\uFFFD", "a#2", "a#10", "a#1")) {
            ddb.client().putItem(b -> b.tableName("docs").item(item("pk", "p", "sk", v)));
        }
        assertThat(strings(query("pk = :p", Map.of(":p", s("p"))).items(), "sk"))
                .containsExactly("B", "a", "a#1", "a#10", "a#2", "ab", "b", "\uFFFD", "\uD83D\uDE00");
        assertThat(strings(
                        query("pk = :p AND begins_with(sk, :prefix)", Map.of(":p", s("p"), ":prefix", s("a#")))
                                .items(),
                        "sk"))
                .containsExactly("a#1", "a#10", "a#2");
        assertThat(strings(
                        query("pk = :p AND sk BETWEEN :lo AND :hi", Map.of(":p", s("p"), ":lo", s("a"), ":hi", s("ab")))
                                .items(),
                        "sk"))
                .containsExactly("a", "a#1", "a#10", "a#2", "ab");
        assertThat(strings(
                        query("pk = :p AND sk > :v", Map.of(":p", s("p"), ":v", s("ab")))
                                .items(),
                        "sk"))
                .containsExactly("b", "\uFFFD", "\uD83D\uDE00");
        assertThat(strings(
                        query("sk <= :v AND pk = :p", Map.of(":p", s("p"), ":v", s("a")))
                                .items(),
                        "sk"))
                .containsExactly("B", "a");
        assertThat(strings(
                        query("pk = :p AND sk = :v", Map.of(":p", s("p"), ":v", s("a#10")))
                                .items(),
                        "sk"))
                .containsExactly("a#10");
    }

    @Test
    void pagingWithLimitAndExclusiveStartKeyVisitsEveryItemOnceInOrder() {
        ddb.createTable("pages", ScalarAttributeType.N);
        for (int i = 0; i < 23; i++) {
            int v = i;
            ddb.client().putItem(b -> b.tableName("pages").item(item("pk", "p", "sk", v, "odd", v % 2 == 1)));
        }
        for (boolean forward : List.of(true, false)) {
            List<String> seen = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            int pages = 0;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = ddb.client()
                        .query(b -> b.tableName("pages")
                                .keyConditionExpression("pk = :p")
                                .expressionAttributeValues(Map.of(":p", s("p")))
                                .limit(5)
                                .scanIndexForward(forward)
                                .exclusiveStartKey(from));
                seen.addAll(strings(page.items(), "sk"));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
                pages++;
            } while (start != null);
            assertThat(pages).isEqualTo(5);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 23; i++) expected.add(String.valueOf(forward ? i : 22 - i));
            assertThat(seen).containsExactlyElementsOf(expected);
        }

        var count = ddb.client()
                .query(b -> b.tableName("pages")
                        .keyConditionExpression("pk = :p")
                        .filterExpression("odd = :t")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":t", AttributeValue.fromBool(true)))
                        .select(Select.COUNT));
        assertThat(count.count()).isEqualTo(11);
        assertThat(count.scannedCount()).isEqualTo(23);
        assertThat(count.hasItems()).isFalse();

        // Limit counts items read, before the filter: a page may hold fewer matches than Limit.
        var filteredPage = ddb.client()
                .query(b -> b.tableName("pages")
                        .keyConditionExpression("pk = :p")
                        .filterExpression("odd = :t")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":t", AttributeValue.fromBool(true)))
                        .limit(4));
        assertThat(strings(filteredPage.items(), "sk")).containsExactly("1", "3");
        assertThat(filteredPage.lastEvaluatedKey()).isEqualTo(item("pk", "p", "sk", 3));
    }

    @Test
    void scanPagesThroughTheWholeTableAndProjects() {
        ddb.createTable("flat", null);
        for (int i = 0; i < 12; i++) {
            int v = i;
            ddb.client()
                    .putItem(b -> b.tableName("flat")
                            .item(item(
                                    "pk",
                                    "k" + v,
                                    "n",
                                    v,
                                    "nested",
                                    AttributeValue.fromM(Map.of("a", n(v), "b", s("x"))))));
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = ddb.client()
                    .scan(b ->
                            b.tableName("flat").limit(5).exclusiveStartKey(from).projectionExpression("pk, nested.a"));
            page.items().forEach(i -> assertThat(i.keySet()).containsExactlyInAnyOrder("pk", "nested"));
            page.items().forEach(i -> assertThat(i.get("nested").m().keySet()).containsExactly("a"));
            seen.addAll(strings(page.items(), "pk"));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertThat(seen).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void keyConditionsDynamoDbRejectsAreRejected() {
        ddb.createTable("events", ScalarAttributeType.N);
        assertThatThrownBy(() -> query("sk = :v", Map.of(":v", n(1))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Query condition missed key schema element");
        assertThatThrownBy(() -> ddb.client()
                        .query(b -> b.tableName("events")
                                .keyConditionExpression("pk = :p")
                                .expressionAttributeValues(Map.of(":p", s("p"), ":unused", s("x")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("unused in expressions: keys: {:unused}");
        assertThatThrownBy(() -> ddb.client()
                        .query(b -> b.tableName("events")
                                .keyConditionExpression("pk = :p")
                                .expressionAttributeValues(Map.of(":p", n(1)))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Condition parameter type does not match schema type");
        assertThatThrownBy(() -> ddb.client()
                        .query(b -> b.tableName("events")
                                .keyConditionExpression("pk = :p")
                                .filterExpression("sk > :v")
                                .expressionAttributeValues(Map.of(":p", s("p"), ":v", n(1)))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Filter Expression can only contain non-primary key attributes");
    }

    private QueryResponse query(String keyCondition, Map<String, AttributeValue> values) {
        String table = ddb.client().listTables().tableNames().get(0);
        return ddb.client()
                .query(b ->
                        b.tableName(table).keyConditionExpression(keyCondition).expressionAttributeValues(values));
    }
}
