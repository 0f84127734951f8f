package dev.statebacked.local.dynamodb;

import dev.statebacked.local.dynamodb.Expressions.*;
import dev.statebacked.local.dynamodb.TableDefinition.KeyAttribute;
import dev.statebacked.local.dynamodb.TableDefinition.KeySchema;
import java.util.ArrayList;
import java.util.List;

/**
 * A Query's KeyConditionExpression, reduced to what the storage needs: the partition key value and optional
 * bounds on the sort key. Only the forms DynamoDB allows are accepted: {@code pk = :v} optionally AND-ed with one of
 * {@code sk = | < | <= | > | >= :v}, {@code sk BETWEEN :a AND :b}, {@code begins_with(sk, :p)}.
 */
record KeyCondition(
        DynamoValue partition,
        DynamoValue low,
        boolean lowInclusive,
        DynamoValue high,
        boolean highInclusive,
        DynamoValue prefix) {

    static KeyCondition from(Condition condition, KeySchema schema) {
        List<Condition> parts = new ArrayList<>();
        flatten(condition, parts);
        if (parts.size() > 2) throw unsupported();
        DynamoValue partition = null;
        KeyCondition range = null;
        for (Condition part : parts) {
            String attribute = attributeOf(part);
            if (attribute.equals(schema.hash().name())) {
                if (!(part instanceof Comparison c) || !c.operator().equals("=") || partition != null)
                    throw unsupported();
                partition = literal(c.right(), schema.hash());
            } else if (schema.range() != null && attribute.equals(schema.range().name())) {
                if (range != null) throw unsupported();
                range = rangeCondition(part, schema.range());
            } else {
                throw DynamoDbException.validation("Query condition missed key schema element: "
                        + schema.hash().name());
            }
        }
        if (partition == null)
            throw DynamoDbException.validation("Query condition missed key schema element: "
                    + schema.hash().name());
        return range == null
                ? new KeyCondition(partition, null, false, null, false, null)
                : new KeyCondition(
                        partition, range.low, range.lowInclusive, range.high, range.highInclusive, range.prefix);
    }

    private static void flatten(Condition c, List<Condition> out) {
        if (c instanceof And a) {
            flatten(a.left(), out);
            flatten(a.right(), out);
        } else {
            out.add(c);
        }
    }

    private static String attributeOf(Condition c) {
        Operand first = switch (c) {
            case Comparison x -> x.left();
            case Between x -> x.value();
            case FunctionCall f
            when f.name().equals("begins_with") -> f.arguments().get(0);
            default -> throw unsupported();
        };
        if (first instanceof PathOperand p && p.path().elements().size() == 1)
            return p.path().topLevelName();
        throw unsupported();
    }

    private static KeyCondition rangeCondition(Condition c, KeyAttribute key) {
        return switch (c) {
            case Comparison x -> {
                DynamoValue v = literal(x.right(), key);
                yield switch (x.operator()) {
                    case "=" -> new KeyCondition(null, v, true, v, true, null);
                    case "<" -> new KeyCondition(null, null, false, v, false, null);
                    case "<=" -> new KeyCondition(null, null, false, v, true, null);
                    case ">" -> new KeyCondition(null, v, false, null, false, null);
                    case ">=" -> new KeyCondition(null, v, true, null, false, null);
                    default -> throw unsupported();
                };
            }
            case Between b -> new KeyCondition(null, literal(b.low(), key), true, literal(b.high(), key), true, null);
            case FunctionCall f -> {
                DynamoValue prefix = literal(f.arguments().get(1), key);
                if (key.type().equals("N"))
                    throw DynamoDbException.validation(
                            "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
                yield new KeyCondition(null, null, false, null, false, prefix);
            }
            default -> throw unsupported();
        };
    }

    private static DynamoValue literal(Operand operand, KeyAttribute key) {
        if (!(operand instanceof ValueOperand v)) throw unsupported();
        if (!v.value().type().equals(key.type())) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Condition parameter type does not match schema type");
        }
        return v.value();
    }

    private static DynamoDbException unsupported() {
        return DynamoDbException.validation("Query key condition not supported");
    }

    boolean matchesSortKey(DynamoValue v) {
        if (low != null
                && !(v != null && (lowInclusive ? ValueOrder.compare(v, low) >= 0 : ValueOrder.compare(v, low) > 0)))
            return false;
        if (high != null
                && !(v != null && (highInclusive ? ValueOrder.compare(v, high) <= 0 : ValueOrder.compare(v, high) < 0)))
            return false;
        return prefix == null || ConditionEvaluator.beginsWith(v, prefix);
    }

    /** True when, iterating in ascending (or descending) sort key order, no later key can match. */
    boolean pastTheEnd(DynamoValue v, boolean ascending) {
        if (v == null) return false;
        if (ascending) {
            if (high != null && ValueOrder.compare(v, high) > 0) return true;
            return prefix != null && ValueOrder.compare(v, prefix) > 0 && !ConditionEvaluator.beginsWith(v, prefix);
        }
        if (low != null && ValueOrder.compare(v, low) < 0) return true;
        return prefix != null && ValueOrder.compare(v, prefix) < 0;
    }

    /** Where to start iterating: a lower (ascending) or upper (descending) bound on the encoded sort key, or null. */
    DynamoValue seekValue(boolean ascending) {
        if (ascending) return low != null ? low : prefix;
        return high;
    }
}
