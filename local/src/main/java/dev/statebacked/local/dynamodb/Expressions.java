package dev.statebacked.local.dynamodb;

import java.util.List;

/** The syntax trees of condition, filter, key-condition and update expressions. Placeholders are resolved while parsing. */
final class Expressions {
    private Expressions() {}

    /** Something that evaluates to a value (or to nothing, when a path is missing). */
    sealed interface Operand permits PathOperand, ValueOperand, Size, Arithmetic, IfNotExists, ListAppend {}

    record PathOperand(DocumentPath path) implements Operand {}

    record ValueOperand(DynamoValue value) implements Operand {}

    record Size(DocumentPath path) implements Operand {}

    /** Only in update expressions' SET: {@code a + b} or {@code a - b}. */
    record Arithmetic(Operand left, boolean plus, Operand right) implements Operand {}

    record IfNotExists(DocumentPath path, Operand fallback) implements Operand {}

    record ListAppend(Operand first, Operand second) implements Operand {}

    /** Something that evaluates to true or false. */
    sealed interface Condition permits Comparison, Between, In, And, Or, Not, FunctionCall {}

    /** {@code operator} is one of = <> < <= > >=. */
    record Comparison(String operator, Operand left, Operand right) implements Condition {}

    record Between(Operand value, Operand low, Operand high) implements Condition {}

    record In(Operand value, List<Operand> candidates) implements Condition {}

    record And(Condition left, Condition right) implements Condition {}

    record Or(Condition left, Condition right) implements Condition {}

    record Not(Condition condition) implements Condition {}

    /** attribute_exists, attribute_not_exists, attribute_type, begins_with or contains. */
    record FunctionCall(String name, List<Operand> arguments) implements Condition {}

    record SetAction(DocumentPath path, Operand value) {}

    /** ADD and DELETE actions: a path and a literal value. */
    record ValueAction(DocumentPath path, DynamoValue value) {}

    record Update(List<SetAction> sets, List<DocumentPath> removes, List<ValueAction> adds, List<ValueAction> deletes) {
        List<DocumentPath> allPaths() {
            var paths = new java.util.ArrayList<DocumentPath>();
            sets.forEach(a -> paths.add(a.path()));
            paths.addAll(removes);
            adds.forEach(a -> paths.add(a.path()));
            deletes.forEach(a -> paths.add(a.path()));
            return paths;
        }
    }
}
