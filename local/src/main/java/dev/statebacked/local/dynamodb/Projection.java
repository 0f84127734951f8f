package dev.statebacked.local.dynamodb;

import dev.statebacked.local.dynamodb.DocumentPath.Attribute;
import dev.statebacked.local.dynamodb.DocumentPath.Element;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Projects an item onto document paths, keeping the nesting: {@code a.b, c[1]} on an item yields
 * {@code {a: {b: ..}, c: [second element]}}. List elements picked by index are returned compacted, as DynamoDB does.
 */
final class Projection {
    private Projection() {}

    static Map<String, DynamoValue> project(Map<String, DynamoValue> item, List<DocumentPath> paths) {
        if (item == null) return null;
        // Mutable tree: LinkedHashMap for maps, TreeMap<Integer, ..> for lists, DynamoValue for whole values.
        Map<String, Object> root = new LinkedHashMap<>();
        for (DocumentPath path : paths) {
            DynamoValue value = path.get(item);
            if (value == null) continue;
            insert(root, path.elements(), value);
        }
        Map<String, DynamoValue> result = new LinkedHashMap<>();
        root.forEach((k, v) -> result.put(k, freeze(v)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void insert(Object node, List<Element> elements, DynamoValue value) {
        Object current = node;
        for (int i = 0; i < elements.size(); i++) {
            Element e = elements.get(i);
            Object key = e instanceof Attribute a ? a.name() : (Object) ((DocumentPath.ListIndex) e).index();
            Map<Object, Object> container = (Map<Object, Object>) current;
            if (i == elements.size() - 1) {
                container.put(key, value);
                return;
            }
            Object child = container.get(key);
            if (child instanceof DynamoValue) return; // the whole value is already projected
            if (child == null) {
                child = elements.get(i + 1) instanceof Attribute ? new LinkedHashMap<>() : new TreeMap<>();
                container.put(key, child);
            }
            current = child;
        }
    }

    private static DynamoValue freeze(Object node) {
        if (node instanceof DynamoValue v) return v;
        if (node instanceof TreeMap<?, ?> list) {
            List<DynamoValue> values = new ArrayList<>();
            list.values().forEach(v -> values.add(freeze(v)));
            return new DynamoValue.ListValue(values);
        }
        Map<String, DynamoValue> map = new LinkedHashMap<>();
        ((Map<?, ?>) node).forEach((k, v) -> map.put((String) k, freeze(v)));
        return new DynamoValue.MapValue(map);
    }
}
