package dev.statebacked.store;

import java.util.Objects;

/**
 * One comparison of the sort key with a bound, as a DynamoDB key condition states it ({@code sk < :bound} ...): a
 * range read of one partition. Sort keys compare by their UTF-8 bytes, which is the order of their code points.
 */
public record SortKeyCondition(Comparison comparison, String bound) {
    public enum Comparison {
        LESS("<"),
        LESS_OR_EQUAL("<="),
        GREATER(">"),
        GREATER_OR_EQUAL(">=");

        private final String operator;

        Comparison(String operator) {
            this.operator = operator;
        }

        /** The operator of a DynamoDB key condition expression. */
        public String operator() {
            return operator;
        }
    }

    public SortKeyCondition {
        Objects.requireNonNull(comparison, "comparison");
        if (bound == null || bound.isEmpty()) {
            // DynamoDB refuses an empty string as a key condition's value
            throw new IllegalArgumentException("a sort key bound must not be empty");
        }
    }

    public static SortKeyCondition below(String bound) {
        return new SortKeyCondition(Comparison.LESS, bound);
    }

    public static SortKeyCondition atOrAbove(String bound) {
        return new SortKeyCondition(Comparison.GREATER_OR_EQUAL, bound);
    }

    /** Whether {@code sort} meets the condition. */
    public boolean holds(String sort) {
        int order = compare(sort, bound);
        return switch (comparison) {
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            case GREATER_OR_EQUAL -> order >= 0;
        };
    }

    /** DynamoDB's order of string keys: by UTF-8 bytes, which is by code points (not by UTF-16 units). */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
