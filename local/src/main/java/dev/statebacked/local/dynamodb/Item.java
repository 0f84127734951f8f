package dev.statebacked.local.dynamodb;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Helpers for items, which are plain {@code Map<String, DynamoValue>}s with a stable attribute order. */
final class Item {
    private Item() {}

    static Map<String, DynamoValue> copyOf(Map<String, DynamoValue> values) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static <T> Set<T> orderedSetCopy(Collection<T> values) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    /** Mutable deep-enough copy: nested values are immutable records, so copying the top level suffices. */
    static Map<String, DynamoValue> mutableCopy(Map<String, DynamoValue> item) {
        return item == null ? new LinkedHashMap<>() : new LinkedHashMap<>(item);
    }

    /** Approximates DynamoDB's item size (names + values), used for the 400 KB item limit and 1 MB page limit. */
    static long sizeBytes(Map<String, DynamoValue> item) {
        long size = 0;
        for (var e : item.entrySet()) size += DynamoValue.utf8Length(e.getKey()) + valueSize(e.getValue());
        return size;
    }

    private static long valueSize(DynamoValue v) {
        return switch (v) {
            case DynamoValue.Str s -> DynamoValue.utf8Length(s.value());
            case DynamoValue.Num n -> n.value().precision() / 2 + 2;
            case DynamoValue.Bin b -> b.value().length;
            case DynamoValue.Bool b -> 1;
            case DynamoValue.Null n -> 1;
            case DynamoValue.ListValue l ->
                3 + l.values().stream().mapToLong(x -> 1 + valueSize(x)).sum();
            case DynamoValue.MapValue m ->
                3
                        + m.values().entrySet().stream()
                                .mapToLong(x -> 1 + DynamoValue.utf8Length(x.getKey()) + valueSize(x.getValue()))
                                .sum();
            case DynamoValue.StrSet s ->
                s.values().stream().mapToLong(DynamoValue::utf8Length).sum();
            case DynamoValue.NumSet s ->
                s.values().stream().mapToLong(x -> x.precision() / 2 + 2).sum();
            case DynamoValue.BinSet s ->
                s.values().stream().mapToLong(x -> x.value().length).sum();
        };
    }
}
