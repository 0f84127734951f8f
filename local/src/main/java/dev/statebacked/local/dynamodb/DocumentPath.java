package dev.statebacked.local.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A path into an item such as {@code a.b[0].c}, with placeholders already resolved. */
record DocumentPath(List<Element> elements) {

    sealed interface Element {}

    record Attribute(String name) implements Element {}

    record ListIndex(int index) implements Element {}

    DocumentPath {
        elements = List.copyOf(elements);
    }

    String topLevelName() {
        return ((Attribute) elements.get(0)).name();
    }

    /** The value at this path, or null when any step is missing or of the wrong kind. */
    DynamoValue get(Map<String, DynamoValue> item) {
        if (item == null) return null;
        DynamoValue current = item.get(topLevelName());
        for (int i = 1; i < elements.size() && current != null; i++) current = step(current, elements.get(i));
        return current;
    }

    static DynamoValue step(DynamoValue container, Element element) {
        if (element instanceof Attribute a && container instanceof DynamoValue.MapValue m)
            return m.values().get(a.name());
        if (element instanceof ListIndex i && container instanceof DynamoValue.ListValue l) {
            return i.index() < l.values().size() ? l.values().get(i.index()) : null;
        }
        return null;
    }

    /** True when one path equals or is a prefix of the other (DynamoDB rejects such overlapping update paths). */
    boolean overlaps(DocumentPath other) {
        int n = Math.min(elements.size(), other.elements.size());
        return elements.subList(0, n).equals(other.elements.subList(0, n));
    }

    @Override
    public String toString() {
        return elements.stream()
                .map(e -> e instanceof Attribute a ? a.name() : "[" + ((ListIndex) e).index() + "]")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
