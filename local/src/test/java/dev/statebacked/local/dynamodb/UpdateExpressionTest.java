package dev.statebacked.local.dynamodb;

import static dev.statebacked.local.dynamodb.EmulatorExtension.item;
import static dev.statebacked.local.dynamodb.EmulatorExtension.n;
import static dev.statebacked.local.dynamodb.EmulatorExtension.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

class UpdateExpressionTest {
    @RegisterExtension
    final EmulatorExtension ddb = new EmulatorExtension();

    @BeforeEach
    void seed() {
        ddb.createTable("things", null);
        ddb.client()
                .putItem(b -> b.tableName("things")
                        .item(Map.of(
                                "pk", s("a"),
                                "count", n(5),
                                "tags", AttributeValue.fromSs(List.of("x", "y")),
                                "list", AttributeValue.fromL(List.of(s("l0"), s("l1"), s("l2"))),
                                "doc",
                                        AttributeValue.fromM(Map.of(
                                                "inner", AttributeValue.fromM(Map.of("v", n(1))), "keep", s("k"))))));
    }

    @Test
    void setSupportsArithmeticIfNotExistsListAppendAndNestedPaths() {
        var result = update(
                "SET #c = #c + :one, fresh = if_not_exists(fresh, :zero) - :one, #l = list_append(#l, :more), "
                        + "doc.#in.v = :ten, doc.added = :one",
                Map.of("#c", "count", "#l", "list", "#in", "inner"),
                Map.of(":one", n(1), ":zero", n(0), ":ten", n(10), ":more", AttributeValue.fromL(List.of(s("l3")))),
                ReturnValue.ALL_NEW);
        assertThat(result.get("count")).isEqualTo(n(6));
        assertThat(result.get("fresh")).isEqualTo(n(-1));
        assertThat(result.get("list").l()).containsExactly(s("l0"), s("l1"), s("l2"), s("l3"));
        var replaced = update(
                "SET #l[0] = :first, #l[9] = :last",
                Map.of("#l", "list"),
                Map.of(":first", s("L0"), ":last", s("end")),
                ReturnValue.ALL_NEW);
        // Setting an index past the end appends, as in DynamoDB.
        assertThat(replaced.get("list").l()).containsExactly(s("L0"), s("l1"), s("l2"), s("l3"), s("end"));
        assertThat(result.get("doc").m().get("inner").m()).containsEntry("v", n(10));
        assertThat(result.get("doc").m()).containsEntry("added", n(1)).containsEntry("keep", s("k"));
    }

    @Test
    void rightHandSidesSeeTheItemAsItWasBeforeTheUpdate() {
        var swapped = update("SET a1 = #c, #c = :n", Map.of("#c", "count"), Map.of(":n", n(7)), ReturnValue.ALL_NEW);
        assertThat(swapped.get("a1")).isEqualTo(n(5));
        assertThat(swapped.get("count")).isEqualTo(n(7));
        assertThatThrownBy(() -> update("SET copy_of_absent = absent", Map.of(), Map.of(), ReturnValue.NONE))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("refers to an attribute that does not exist");
    }

    @Test
    void removeAddAndDeleteChangeListsNumbersAndSets() {
        var result = update(
                "REMOVE #l[0], #l[2], doc.keep ADD #c :two, newset :s DELETE tags :xy",
                Map.of("#l", "list", "#c", "count"),
                Map.of(
                        ":two",
                        n(2),
                        ":s",
                        AttributeValue.fromNs(List.of("1", "2")),
                        ":xy",
                        AttributeValue.fromSs(List.of("x", "y"))),
                ReturnValue.ALL_NEW);
        assertThat(result.get("list").l()).containsExactly(s("l1"));
        assertThat(result.get("doc").m()).doesNotContainKey("keep");
        assertThat(result.get("count")).isEqualTo(n(7));
        assertThat(result).doesNotContainKey("tags"); // DynamoDB has no empty sets
        assertThat(result.get("newset").ns()).containsExactlyInAnyOrder("1", "2");
        var added = update(
                "ADD newset :s",
                Map.of(),
                Map.of(":s", AttributeValue.fromNs(List.of("2", "3.0"))),
                ReturnValue.ALL_NEW);
        assertThat(added.get("newset").ns()).containsExactlyInAnyOrder("1", "2", "3");
    }

    @Test
    void updatedOldAndUpdatedNewReturnOnlyTheTouchedPaths() {
        var old = update(
                "SET #c = :n, doc.#in.v = :n",
                Map.of("#c", "count", "#in", "inner"),
                Map.of(":n", n(9)),
                ReturnValue.UPDATED_OLD);
        assertThat(old)
                .isEqualTo(Map.of(
                        "count",
                        n(5),
                        "doc",
                        AttributeValue.fromM(Map.of("inner", AttributeValue.fromM(Map.of("v", n(1)))))));
        var fresh = update("SET #c = #c + :n", Map.of("#c", "count"), Map.of(":n", n(1)), ReturnValue.UPDATED_NEW);
        assertThat(fresh).isEqualTo(Map.of("count", n(10)));
    }

    @Test
    void updateOfAMissingItemCreatesItAndConditionsSeeNoAttributes() {
        var created = ddb.client()
                .updateItem(b -> b.tableName("things")
                        .key(item("pk", "new"))
                        .updateExpression("SET v = :v")
                        .conditionExpression("attribute_not_exists(pk)")
                        .expressionAttributeValues(Map.of(":v", s("hello")))
                        .returnValues(ReturnValue.ALL_NEW));
        assertThat(created.attributes()).isEqualTo(item("pk", "new", "v", "hello"));
    }

    @Test
    void invalidUpdatesAreRejectedLikeDynamoDb() {
        assertThatThrownBy(() -> update("SET pk = :v", Map.of(), Map.of(":v", s("b")), ReturnValue.NONE))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("This attribute is part of the key");
        assertThatThrownBy(
                        () -> update("SET doc = :v, doc.keep = :v", Map.of(), Map.of(":v", s("b")), ReturnValue.NONE))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Two document paths overlap");
        assertThatThrownBy(() -> update("ADD tags :n", Map.of(), Map.of(":n", n(1)), ReturnValue.NONE))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("incorrect data type");
        assertThatThrownBy(() -> update("SET absent.child = :n", Map.of(), Map.of(":n", n(1)), ReturnValue.NONE))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("document path provided in the update expression is invalid");
        assertThatThrownBy(() -> update("SET x = :n", Map.of("#unused", "u"), Map.of(":n", n(1)), ReturnValue.NONE))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("unused in expressions: keys: {#unused}");
        assertThatThrownBy(() -> update("SET x = :nope", Map.of(), Map.of(":n", n(1)), ReturnValue.NONE))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("attribute value: :nope");
        assertThatThrownBy(() -> update(
                        "SET doc.#k = :n, status = :n", Map.of("#k", "keep"), Map.of(":n", n(1)), ReturnValue.NONE))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Attribute name is a reserved keyword; reserved keyword: status");
        assertThatThrownBy(() -> update("SET x = = :n", Map.of(), Map.of(":n", n(1)), ReturnValue.NONE))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Syntax error");
        // A failed update leaves the item untouched.
        assertThat(ddb.client()
                        .getItem(b -> b.tableName("things").key(item("pk", "a")))
                        .item()
                        .get("count"))
                .isEqualTo(n(5));
    }

    private Map<String, AttributeValue> update(
            String expression, Map<String, String> names, Map<String, AttributeValue> values, ReturnValue returnValue) {
        return ddb.client()
                .updateItem(b -> b.tableName("things")
                        .key(item("pk", "a"))
                        .updateExpression(expression)
                        .expressionAttributeNames(names.isEmpty() ? null : names)
                        .expressionAttributeValues(values.isEmpty() ? null : values)
                        .returnValues(returnValue))
                .attributes();
    }
}
