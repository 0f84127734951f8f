package dev.statebacked.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Converts between DynamoDB's wire JSON for attribute values ({"S":"x"}, {"N":"1"}, ...) and {@link DynamoValue}. */
final class ValueJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValueJson() {}

    static Map<String, DynamoValue> readItem(JsonNode node) {
        Map<String, DynamoValue> item = new LinkedHashMap<>();
        if (node == null || node.isNull() || node.isMissingNode()) return item;
        if (!node.isObject()) throw DynamoDbException.validation("Expected a map of attribute values");
        node.fields().forEachRemaining(e -> item.put(e.getKey(), read(e.getValue())));
        return item;
    }

    static DynamoValue read(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw DynamoDbException.validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        var field = node.fields().next();
        JsonNode v = field.getValue();
        return switch (field.getKey()) {
            case "S" -> new DynamoValue.Str(v.asText());
            case "N" -> new DynamoValue.Num(DynamoValue.parseNumber(v.asText()));
            case "B" -> new DynamoValue.Bin(decode(v));
            case "BOOL" -> new DynamoValue.Bool(v.asBoolean());
            case "NULL" -> new DynamoValue.Null();
            case "L" -> {
                List<DynamoValue> list = new ArrayList<>();
                v.forEach(x -> list.add(read(x)));
                yield new DynamoValue.ListValue(list);
            }
            case "M" -> new DynamoValue.MapValue(readItem(v));
            case "SS" -> {
                Set<String> set = new LinkedHashSet<>();
                v.forEach(x -> addUnique(set, x.asText(), v));
                yield new DynamoValue.StrSet(nonEmpty(set, "string"));
            }
            case "NS" -> {
                Set<BigDecimal> set = new LinkedHashSet<>();
                v.forEach(x -> addUnique(set, DynamoValue.parseNumber(x.asText()), v));
                yield new DynamoValue.NumSet(nonEmpty(set, "number"));
            }
            case "BS" -> {
                Set<DynamoValue.Bin> set = new LinkedHashSet<>();
                v.forEach(x -> addUnique(set, new DynamoValue.Bin(decode(x)), v));
                yield new DynamoValue.BinSet(nonEmpty(set, "binary"));
            }
            default -> throw DynamoDbException.validation("Unknown attribute value type: " + field.getKey());
        };
    }

    private static byte[] decode(JsonNode v) {
        try {
            return Base64.getDecoder().decode(v.asText());
        } catch (IllegalArgumentException e) {
            throw DynamoDbException.validation("Invalid Base64 in a binary attribute value");
        }
    }

    private static <T> void addUnique(Set<T> set, T value, JsonNode all) {
        if (!set.add(value)) throw DynamoDbException.validation("Input collection " + all + " contains duplicates.");
    }

    private static <T> Set<T> nonEmpty(Set<T> set, String kind) {
        if (set.isEmpty())
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: An " + kind + " set  may not be empty");
        return set;
    }

    static ObjectNode writeItem(Map<String, DynamoValue> item) {
        ObjectNode node = NODES.objectNode();
        item.forEach((k, v) -> node.set(k, write(v)));
        return node;
    }

    static ObjectNode write(DynamoValue value) {
        ObjectNode node = NODES.objectNode();
        switch (value) {
            case DynamoValue.Str s -> node.put("S", s.value());
            case DynamoValue.Num n -> node.put("N", n.text());
            case DynamoValue.Bin b -> node.put("B", Base64.getEncoder().encodeToString(b.value()));
            case DynamoValue.Bool b -> node.put("BOOL", b.value());
            case DynamoValue.Null n -> node.put("NULL", true);
            case DynamoValue.ListValue l -> {
                ArrayNode a = node.putArray("L");
                l.values().forEach(x -> a.add(write(x)));
            }
            case DynamoValue.MapValue m -> node.set("M", writeItem(m.values()));
            case DynamoValue.StrSet s -> {
                ArrayNode a = node.putArray("SS");
                s.values().forEach(a::add);
            }
            case DynamoValue.NumSet s -> {
                ArrayNode a = node.putArray("NS");
                s.values().forEach(x -> a.add(x.toPlainString()));
            }
            case DynamoValue.BinSet s -> {
                ArrayNode a = node.putArray("BS");
                s.values().forEach(x -> a.add(Base64.getEncoder().encodeToString(x.value())));
            }
        }
        return node;
    }

    static String itemToString(Map<String, DynamoValue> item) {
        return writeItem(item).toString();
    }

    static Map<String, DynamoValue> itemFromString(String json) {
        try {
            return readItem(MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Corrupt stored item", e);
        }
    }
}
