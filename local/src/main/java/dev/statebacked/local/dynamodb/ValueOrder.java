package dev.statebacked.local.dynamodb;

import java.util.Arrays;

/** DynamoDB's ordering: N numerically, S by UTF-8 bytes (same as code point order), B by unsigned bytes. */
final class ValueOrder {
    private ValueOrder() {}

    /** True when both values are of one scalar type that DynamoDB can order (S, N or B). */
    static boolean comparable(DynamoValue a, DynamoValue b) {
        return a != null
                && b != null
                && a.getClass() == b.getClass()
                && (a instanceof DynamoValue.Str || a instanceof DynamoValue.Num || a instanceof DynamoValue.Bin);
    }

    /** Compares two values already known to be {@link #comparable}. */
    static int compare(DynamoValue a, DynamoValue b) {
        return switch (a) {
            case DynamoValue.Str s -> compareStrings(s.value(), ((DynamoValue.Str) b).value());
            case DynamoValue.Num n -> n.value().compareTo(((DynamoValue.Num) b).value());
            case DynamoValue.Bin x -> Arrays.compareUnsigned(x.value(), ((DynamoValue.Bin) b).value());
            default -> throw new IllegalArgumentException("Not an ordered type: " + a.type());
        };
    }

    /** Java's compareTo orders UTF-16 units, which disagrees with UTF-8 byte order for supplementary characters. */
    static int compareStrings(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
