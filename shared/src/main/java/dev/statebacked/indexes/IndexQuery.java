package dev.statebacked.indexes;

import dev.statebacked.failures.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** One query of an index: the instances whose value compares with {@code value} by {@code op}, a page at a time. */
public record IndexQuery(Op op, String value, boolean ascending, int limit) {
    public static final int MAX_LIMIT = 100;

    public enum Op {
        EQ,
        NE,
        GT,
        GTE,
        LT,
        LTE;

        public static Optional<Op> parse(String name) {
            for (Op op : values()) {
                if (op.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return Optional.of(op);
                }
            }
            return Optional.empty();
        }
    }

    public IndexQuery {
        if (value.indexOf(IndexKeys.SEPARATOR) >= 0) {
            throw new InvalidInput("value", "value must not contain U+0000");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > VersionSelectors.MAX_VALUE_BYTES) {
            throw new InvalidInput(
                    "value", "value must be at most " + VersionSelectors.MAX_VALUE_BYTES + " bytes of UTF-8");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "limit must be 1 to " + MAX_LIMIT);
        }
    }
}
