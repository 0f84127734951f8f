package dev.statebacked.local.dynamodb;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One DynamoDB attribute value. Numbers are kept as normalised {@link BigDecimal}s (trailing zeros stripped) so that
 * record equality matches DynamoDB's "1.0 equals 1" semantics; sets keep insertion order (DynamoDB does not promise one).
 */
sealed interface DynamoValue {

    /** The type descriptor DynamoDB uses on the wire and in attribute_type(): S, N, B, BOOL, NULL, L, M, SS, NS, BS. */
    String type();

    record Str(String value) implements DynamoValue {
        public String type() {
            return "S";
        }
    }

    record Num(BigDecimal value) implements DynamoValue {
        public Num {
            value = normalise(value);
        }

        static Num of(String text) {
            return new Num(parseNumber(text));
        }

        public String type() {
            return "N";
        }

        String text() {
            return value.toPlainString();
        }
    }

    record Bin(byte[] value) implements DynamoValue {
        public String type() {
            return "B";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bin b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bin" + Arrays.toString(value);
        }
    }

    record Bool(boolean value) implements DynamoValue {
        public String type() {
            return "BOOL";
        }
    }

    record Null() implements DynamoValue {
        public String type() {
            return "NULL";
        }
    }

    record ListValue(List<DynamoValue> values) implements DynamoValue {
        public ListValue {
            values = List.copyOf(values);
        }

        public String type() {
            return "L";
        }
    }

    record MapValue(Map<String, DynamoValue> values) implements DynamoValue {
        public MapValue {
            values = Item.copyOf(values);
        }

        public String type() {
            return "M";
        }
    }

    record StrSet(Set<String> values) implements DynamoValue {
        public StrSet {
            values = Item.orderedSetCopy(values);
        }

        public String type() {
            return "SS";
        }
    }

    record NumSet(Set<BigDecimal> values) implements DynamoValue {
        public NumSet {
            values = Item.orderedSetCopy(
                    values.stream().map(DynamoValue::normalise).toList());
        }

        public String type() {
            return "NS";
        }
    }

    /** Binary sets hold {@link Bin}s so that element equality compares bytes. */
    record BinSet(Set<Bin> values) implements DynamoValue {
        public BinSet {
            values = Item.orderedSetCopy(values);
        }

        public String type() {
            return "BS";
        }
    }

    static BigDecimal normalise(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    /** Parses an N value, rejecting what DynamoDB rejects: more than 38 significant digits, or out-of-range magnitude. */
    static BigDecimal parseNumber(String text) {
        BigDecimal n;
        try {
            n = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw DynamoDbException.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        n = normalise(n);
        if (n.precision() > 38) {
            throw DynamoDbException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        if (n.signum() != 0) {
            int exponent = n.precision() - n.scale() - 1;
            if (exponent > 125)
                throw DynamoDbException.validation(
                        "Number overflow. Attempting to store a number with magnitude larger than supported range");
            if (exponent < -130)
                throw DynamoDbException.validation(
                        "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return n;
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
