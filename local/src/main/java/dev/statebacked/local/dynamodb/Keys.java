package dev.statebacked.local.dynamodb;

import dev.statebacked.local.dynamodb.TableDefinition.IndexDefinition;
import dev.statebacked.local.dynamodb.TableDefinition.KeyAttribute;
import dev.statebacked.local.dynamodb.TableDefinition.KeySchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Key validation and the storage keys of items in the table map and in index maps. */
final class Keys {
    private Keys() {}

    /** Checks that a request's Key names exactly the table's key attributes, with the declared types. */
    static void validateKey(TableDefinition table, Map<String, DynamoValue> key) {
        List<KeyAttribute> attrs = table.key().attributes();
        if (key.size() != attrs.size())
            throw DynamoDbException.validation("The provided key element does not match the schema");
        for (KeyAttribute a : attrs) {
            DynamoValue v = key.get(a.name());
            if (v == null || !v.type().equals(a.type())) {
                throw DynamoDbException.validation("The provided key element does not match the schema");
            }
            checkNotEmpty(a.name(), v);
        }
    }

    /** Checks an item about to be stored: key attributes present and typed, index key attributes (if present) typed. */
    static void validateItem(TableDefinition table, Map<String, DynamoValue> item) {
        for (KeyAttribute a : table.key().attributes()) {
            DynamoValue v = item.get(a.name());
            if (v == null) {
                throw DynamoDbException.validation(
                        "One or more parameter values were invalid: Missing the key " + a.name() + " in the item");
            }
            if (!v.type().equals(a.type())) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for key "
                        + a.name() + " expected: " + a.type() + " actual: " + v.type());
            }
            checkNotEmpty(a.name(), v);
        }
        for (IndexDefinition index : table.indexes()) {
            for (KeyAttribute a : index.key().attributes()) {
                DynamoValue v = item.get(a.name());
                if (v != null && !v.type().equals(a.type())) {
                    throw DynamoDbException.validation(
                            "One or more parameter values were invalid: Type mismatch for Index Key " + a.name()
                                    + " Expected: " + a.type() + " Actual: " + v.type() + " IndexName: "
                                    + index.name());
                }
                if (v != null) checkNotEmpty(a.name(), v);
            }
        }
        if (Item.sizeBytes(item) > 400 * 1024) {
            throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
        }
    }

    private static void checkNotEmpty(String name, DynamoValue v) {
        boolean empty = v instanceof DynamoValue.Str s && s.value().isEmpty()
                || v instanceof DynamoValue.Bin b && b.value().length == 0;
        if (empty) {
            throw DynamoDbException.validation(
                    "One or more parameter values are not valid. The AttributeValue for a key attribute "
                            + "cannot contain an empty string value. Key: " + name);
        }
    }

    /** The key attributes of an item, in key-schema order. */
    static Map<String, DynamoValue> keyOf(KeySchema schema, Map<String, DynamoValue> item) {
        Map<String, DynamoValue> key = new LinkedHashMap<>();
        for (KeyAttribute a : schema.attributes()) key.put(a.name(), item.get(a.name()));
        return key;
    }

    static String tableStorageKey(TableDefinition table, Map<String, DynamoValue> itemOrKey) {
        return KeyEncoding.encode(values(table.key(), itemOrKey));
    }

    /** Index entries are keyed by index key then table key, which keeps entries unique; null when the item is not in the (sparse) index. */
    static String indexStorageKey(TableDefinition table, IndexDefinition index, Map<String, DynamoValue> item) {
        for (KeyAttribute a : index.key().attributes()) {
            DynamoValue v = item.get(a.name());
            if (v == null || !v.type().equals(a.type())) return null;
        }
        List<DynamoValue> parts = new ArrayList<>(List.of(values(index.key(), item)));
        parts.addAll(List.of(values(table.key(), item)));
        return KeyEncoding.encode(parts.toArray(DynamoValue[]::new));
    }

    private static DynamoValue[] values(KeySchema schema, Map<String, DynamoValue> item) {
        return schema.attributes().stream()
                .map(a -> {
                    DynamoValue v = item.get(a.name());
                    if (v == null)
                        throw DynamoDbException.validation("The provided key element does not match the schema");
                    return v;
                })
                .toArray(DynamoValue[]::new);
    }
}
