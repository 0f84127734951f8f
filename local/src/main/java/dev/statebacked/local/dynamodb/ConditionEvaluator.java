package dev.statebacked.local.dynamodb;

import dev.statebacked.local.dynamodb.Expressions.*;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

/**
 * Evaluates conditions against an item. A missing attribute makes comparisons false (except {@code <>}, which is
 * then true), and values of different types never compare as ordered, as in DynamoDB.
 */
final class ConditionEvaluator {
    private ConditionEvaluator() {}

    /** {@code item} may be null (no such item), which behaves like an item without attributes. */
    static boolean matches(Condition condition, Map<String, DynamoValue> item) {
        return switch (condition) {
            case And a -> matches(a.left(), item) && matches(a.right(), item);
            case Or o -> matches(o.left(), item) || matches(o.right(), item);
            case Not n -> !matches(n.condition(), item);
            case Comparison c -> compare(c.operator(), value(c.left(), item), value(c.right(), item));
            case Between b -> {
                DynamoValue v = value(b.value(), item), low = value(b.low(), item), high = value(b.high(), item);
                yield ValueOrder.comparable(v, low)
                        && ValueOrder.comparable(v, high)
                        && ValueOrder.compare(v, low) >= 0
                        && ValueOrder.compare(v, high) <= 0;
            }
            case In in -> {
                DynamoValue v = value(in.value(), item);
                yield v != null && in.candidates().stream().anyMatch(c -> v.equals(value(c, item)));
            }
            case FunctionCall f -> function(f, item);
        };
    }

    private static boolean compare(String operator, DynamoValue left, DynamoValue right) {
        if (operator.equals("=")) return left != null && left.equals(right);
        if (operator.equals("<>")) return left == null || !left.equals(right);
        if (!ValueOrder.comparable(left, right)) return false;
        int c = ValueOrder.compare(left, right);
        return switch (operator) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw new IllegalArgumentException(operator);
        };
    }

    private static boolean function(FunctionCall f, Map<String, DynamoValue> item) {
        DynamoValue first = value(f.arguments().get(0), item);
        return switch (f.name()) {
            case "attribute_exists" -> first != null;
            case "attribute_not_exists" -> first == null;
            case "attribute_type" ->
                first != null
                        && value(f.arguments().get(1), item) instanceof DynamoValue.Str t
                        && first.type().equals(t.value());
            case "begins_with" -> beginsWith(first, value(f.arguments().get(1), item));
            case "contains" -> contains(first, value(f.arguments().get(1), item));
            default -> throw new IllegalArgumentException(f.name());
        };
    }

    static boolean beginsWith(DynamoValue value, DynamoValue prefix) {
        if (value instanceof DynamoValue.Str s && prefix instanceof DynamoValue.Str p)
            return s.value().startsWith(p.value());
        if (value instanceof DynamoValue.Bin b && prefix instanceof DynamoValue.Bin p) {
            return b.value().length >= p.value().length
                    && Arrays.equals(b.value(), 0, p.value().length, p.value(), 0, p.value().length);
        }
        return false;
    }

    private static boolean contains(DynamoValue value, DynamoValue operand) {
        if (value == null || operand == null) return false;
        return switch (value) {
            case DynamoValue.Str s ->
                operand instanceof DynamoValue.Str o && s.value().contains(o.value());
            case DynamoValue.StrSet s ->
                operand instanceof DynamoValue.Str o && s.values().contains(o.value());
            case DynamoValue.NumSet s ->
                operand instanceof DynamoValue.Num o && s.values().contains(o.value());
            case DynamoValue.BinSet s ->
                operand instanceof DynamoValue.Bin o && s.values().contains(o);
            case DynamoValue.ListValue l -> l.values().contains(operand);
            default -> false;
        };
    }

    /** The top-level attribute names a condition refers to. */
    static java.util.Set<String> attributeNames(Condition condition) {
        java.util.Set<String> names = new java.util.HashSet<>();
        collectNames(condition, names);
        return names;
    }

    private static void collectNames(Condition condition, java.util.Set<String> names) {
        switch (condition) {
            case And a -> {
                collectNames(a.left(), names);
                collectNames(a.right(), names);
            }
            case Or o -> {
                collectNames(o.left(), names);
                collectNames(o.right(), names);
            }
            case Not n -> collectNames(n.condition(), names);
            case Comparison c -> {
                collectNames(c.left(), names);
                collectNames(c.right(), names);
            }
            case Between b -> {
                collectNames(b.value(), names);
                collectNames(b.low(), names);
                collectNames(b.high(), names);
            }
            case In in -> {
                collectNames(in.value(), names);
                in.candidates().forEach(x -> collectNames(x, names));
            }
            case FunctionCall f -> f.arguments().forEach(x -> collectNames(x, names));
        }
    }

    private static void collectNames(Operand operand, java.util.Set<String> names) {
        if (operand instanceof PathOperand p) names.add(p.path().topLevelName());
        if (operand instanceof Size s) names.add(s.path().topLevelName());
    }

    /** The value of a condition operand, or null when it refers to a missing attribute. */
    static DynamoValue value(Operand operand, Map<String, DynamoValue> item) {
        return switch (operand) {
            case PathOperand p -> p.path().get(item);
            case ValueOperand v -> v.value();
            case Size s -> size(s.path().get(item));
            default -> throw new IllegalArgumentException("Not allowed in a condition: " + operand);
        };
    }

    private static DynamoValue size(DynamoValue v) {
        if (v == null) return null;
        long n = switch (v) {
            case DynamoValue.Str s -> s.value().codePointCount(0, s.value().length());
            case DynamoValue.Bin b -> b.value().length;
            case DynamoValue.StrSet s -> s.values().size();
            case DynamoValue.NumSet s -> s.values().size();
            case DynamoValue.BinSet s -> s.values().size();
            case DynamoValue.ListValue l -> l.values().size();
            case DynamoValue.MapValue m -> m.values().size();
            default -> -1;
        };
        return n < 0 ? null : new DynamoValue.Num(BigDecimal.valueOf(n));
    }
}
