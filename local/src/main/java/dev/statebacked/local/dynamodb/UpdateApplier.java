package dev.statebacked.local.dynamodb;

import dev.statebacked.local.dynamodb.DocumentPath.Attribute;
import dev.statebacked.local.dynamodb.DocumentPath.Element;
import dev.statebacked.local.dynamodb.DocumentPath.ListIndex;
import dev.statebacked.local.dynamodb.Expressions.*;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies an update expression. As in DynamoDB, every right-hand side is evaluated against the item as it was before
 * the update, so {@code SET a = b, b = a} swaps.
 */
final class UpdateApplier {
    private UpdateApplier() {}

    /** Checks what DynamoDB checks before touching the item: no key attributes updated, no overlapping paths. */
    static void validate(Update update, TableDefinition table) {
        List<DocumentPath> paths = update.allPaths();
        for (DocumentPath p : paths) {
            for (var key : table.key().attributes()) {
                if (p.topLevelName().equals(key.name())) {
                    throw DynamoDbException.validation(
                            "One or more parameter values were invalid: Cannot update attribute " + key.name()
                                    + ". This attribute is part of the key");
                }
            }
        }
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (paths.get(i).overlaps(paths.get(j))) {
                    throw DynamoDbException.validation(
                            "Invalid UpdateExpression: Two document paths overlap with each other; "
                                    + "must remove or rewrite one of these paths; path one: " + paths.get(i)
                                    + ", path two: " + paths.get(j));
                }
            }
        }
    }

    /** Returns the updated item; {@code original} (possibly empty for a new item) is not modified. */
    static Map<String, DynamoValue> apply(Update update, Map<String, DynamoValue> original) {
        Map<String, DynamoValue> item = new LinkedHashMap<>(original);
        List<DynamoValue> setValues = new ArrayList<>();
        for (SetAction action : update.sets()) setValues.add(evaluate(action.value(), original));
        for (int i = 0; i < update.sets().size(); i++)
            set(item, update.sets().get(i).path(), setValues.get(i));
        // Remove higher list indexes first so that earlier removals don't shift later ones.
        List<DocumentPath> removes = new ArrayList<>(update.removes());
        removes.sort(Comparator.comparingInt(UpdateApplier::lastIndex).reversed());
        for (DocumentPath path : removes) remove(item, path);
        for (ValueAction add : update.adds())
            set(item, add.path(), add(add.path().get(item), add.value()));
        for (ValueAction delete : update.deletes()) {
            DynamoValue current = delete.path().get(item);
            if (current == null) continue;
            DynamoValue remaining = deleteFromSet(current, delete.value());
            if (remaining == null) remove(item, delete.path());
            else set(item, delete.path(), remaining);
        }
        return item;
    }

    private static int lastIndex(DocumentPath path) {
        return path.elements().getLast() instanceof ListIndex i ? i.index() : -1;
    }

    private static DynamoValue evaluate(Operand operand, Map<String, DynamoValue> item) {
        return switch (operand) {
            case ValueOperand v -> v.value();
            case PathOperand p -> {
                DynamoValue v = p.path().get(item);
                if (v == null) {
                    throw DynamoDbException.validation(
                            "The provided expression refers to an attribute that does not exist in the item");
                }
                yield v;
            }
            case IfNotExists i -> {
                DynamoValue existing = i.path().get(item);
                yield existing != null ? existing : evaluate(i.fallback(), item);
            }
            case ListAppend l -> {
                if (evaluate(l.first(), item) instanceof DynamoValue.ListValue a
                        && evaluate(l.second(), item) instanceof DynamoValue.ListValue b) {
                    List<DynamoValue> joined = new ArrayList<>(a.values());
                    joined.addAll(b.values());
                    yield new DynamoValue.ListValue(joined);
                }
                throw incorrectType();
            }
            case Arithmetic a -> {
                if (evaluate(a.left(), item) instanceof DynamoValue.Num x
                        && evaluate(a.right(), item) instanceof DynamoValue.Num y) {
                    yield new DynamoValue.Num(
                            a.plus() ? x.value().add(y.value()) : x.value().subtract(y.value()));
                }
                throw incorrectType();
            }
            case Size s ->
                throw DynamoDbException.validation(
                        "Invalid UpdateExpression: The function is not allowed in an update expression; function: size");
        };
    }

    private static DynamoValue add(DynamoValue current, DynamoValue addend) {
        if (current == null) {
            if (addend instanceof DynamoValue.Num
                    || addend instanceof DynamoValue.StrSet
                    || addend instanceof DynamoValue.NumSet
                    || addend instanceof DynamoValue.BinSet) return addend;
            throw incorrectType();
        }
        return switch (current) {
            case DynamoValue.Num n
            when addend instanceof DynamoValue.Num a ->
                new DynamoValue.Num(n.value().add(a.value()));
            case DynamoValue.StrSet s
            when addend instanceof DynamoValue.StrSet a -> new DynamoValue.StrSet(union(s.values(), a.values()));
            case DynamoValue.NumSet s
            when addend instanceof DynamoValue.NumSet a -> new DynamoValue.NumSet(union(s.values(), a.values()));
            case DynamoValue.BinSet s
            when addend instanceof DynamoValue.BinSet a -> new DynamoValue.BinSet(union(s.values(), a.values()));
            default -> throw incorrectType();
        };
    }

    /** The set without the given elements, or null when nothing remains (DynamoDB has no empty sets). */
    private static DynamoValue deleteFromSet(DynamoValue current, DynamoValue elements) {
        DynamoValue result = switch (current) {
            case DynamoValue.StrSet s
            when elements instanceof DynamoValue.StrSet d -> new DynamoValue.StrSet(minus(s.values(), d.values()));
            case DynamoValue.NumSet s
            when elements instanceof DynamoValue.NumSet d -> new DynamoValue.NumSet(minus(s.values(), d.values()));
            case DynamoValue.BinSet s
            when elements instanceof DynamoValue.BinSet d -> new DynamoValue.BinSet(minus(s.values(), d.values()));
            default -> throw incorrectType();
        };
        boolean empty = switch (result) {
            case DynamoValue.StrSet s -> s.values().isEmpty();
            case DynamoValue.NumSet s -> s.values().isEmpty();
            case DynamoValue.BinSet s -> s.values().isEmpty();
            default -> false;
        };
        return empty ? null : result;
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> result = new LinkedHashSet<>(a);
        result.addAll(b);
        return result;
    }

    private static <T> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> result = new LinkedHashSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static DynamoDbException incorrectType() {
        return DynamoDbException.validation("An operand in the update expression has an incorrect data type");
    }

    private static DynamoDbException invalidPath() {
        return DynamoDbException.validation(
                "The document path provided in the update expression is invalid for update");
    }

    // ---- writing into nested, immutable values

    private static void set(Map<String, DynamoValue> item, DocumentPath path, DynamoValue value) {
        List<Element> elements = path.elements();
        String top = path.topLevelName();
        if (elements.size() == 1) {
            item.put(top, value);
            return;
        }
        DynamoValue container = item.get(top);
        if (container == null) throw invalidPath();
        item.put(top, setIn(container, elements.subList(1, elements.size()), value));
    }

    private static DynamoValue setIn(DynamoValue container, List<Element> rest, DynamoValue value) {
        Element head = rest.get(0);
        DynamoValue newChild;
        if (rest.size() == 1) {
            newChild = value;
        } else {
            DynamoValue child = DocumentPath.step(container, head);
            if (child == null) throw invalidPath();
            newChild = setIn(child, rest.subList(1, rest.size()), value);
        }
        if (head instanceof Attribute a && container instanceof DynamoValue.MapValue m) {
            Map<String, DynamoValue> copy = new LinkedHashMap<>(m.values());
            copy.put(a.name(), newChild);
            return new DynamoValue.MapValue(copy);
        }
        if (head instanceof ListIndex i && container instanceof DynamoValue.ListValue l) {
            List<DynamoValue> copy = new ArrayList<>(l.values());
            // Like DynamoDB, setting past the end appends.
            if (i.index() < copy.size()) copy.set(i.index(), newChild);
            else copy.add(newChild);
            return new DynamoValue.ListValue(copy);
        }
        throw invalidPath();
    }

    private static void remove(Map<String, DynamoValue> item, DocumentPath path) {
        List<Element> elements = path.elements();
        String top = path.topLevelName();
        if (elements.size() == 1) {
            item.remove(top);
            return;
        }
        DynamoValue container = item.get(top);
        if (container == null) return;
        DynamoValue updated = removeIn(container, elements.subList(1, elements.size()));
        if (updated != null) item.put(top, updated);
    }

    /** Returns the container without the element, or null when the path does not exist (nothing to do). */
    private static DynamoValue removeIn(DynamoValue container, List<Element> rest) {
        Element head = rest.get(0);
        DynamoValue newChild = null;
        if (rest.size() > 1) {
            DynamoValue child = DocumentPath.step(container, head);
            if (child == null) return null;
            newChild = removeIn(child, rest.subList(1, rest.size()));
            if (newChild == null) return null;
        }
        if (head instanceof Attribute a && container instanceof DynamoValue.MapValue m) {
            Map<String, DynamoValue> copy = new LinkedHashMap<>(m.values());
            if (newChild == null) copy.remove(a.name());
            else copy.put(a.name(), newChild);
            return new DynamoValue.MapValue(copy);
        }
        if (head instanceof ListIndex i
                && container instanceof DynamoValue.ListValue l
                && i.index() < l.values().size()) {
            List<DynamoValue> copy = new ArrayList<>(l.values());
            if (newChild == null) copy.remove(i.index());
            else copy.set(i.index(), newChild);
            return new DynamoValue.ListValue(copy);
        }
        return null;
    }
}
