package dev.statebacked.local.dynamodb;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Encodes key values into strings whose natural (String) order equals DynamoDB's order of the values, so that
 * MVStore's sorted maps can serve range queries. Each value is encoded to self-delimiting bytes, so the
 * concatenation of several encoded values (partition key, then sort key) sorts by the first, then by the second.
 * The bytes are rendered as lower-case hex: hex strings compare exactly like the unsigned bytes they encode.
 */
final class KeyEncoding {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private KeyEncoding() {}

    static String encode(DynamoValue... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DynamoValue v : values) append(out, v);
        return hex(out.toByteArray());
    }

    /** A string greater than every key that starts with {@code prefix}: hex digits never exceed 'f'. */
    static String prefixEnd(String prefix) {
        return prefix + "g";
    }

    private static void append(ByteArrayOutputStream out, DynamoValue v) {
        switch (v) {
            case DynamoValue.Str s -> appendEscaped(out, s.value().getBytes(StandardCharsets.UTF_8));
            case DynamoValue.Bin b -> appendEscaped(out, b.value());
            case DynamoValue.Num n -> appendNumber(out, n.value());
            default -> throw new IllegalArgumentException("Key values must be S, N or B, not " + v.type());
        }
    }

    /** 0x00 bytes become 0x00 0xFF and the value ends with 0x00 0x00, so a shorter prefix sorts first. */
    private static void appendEscaped(ByteArrayOutputStream out, byte[] bytes) {
        for (byte b : bytes) {
            out.write(b);
            if (b == 0) out.write(0xFF);
        }
        out.write(0);
        out.write(0);
    }

    /**
     * Sign marker (negative 0x00, zero 0x01, positive 0x02), then for non-zero values the decimal exponent as a
     * biased 32-bit int and the digits 1..10 ended by 0; for negatives every byte after the marker is inverted so
     * that larger magnitudes sort first.
     */
    private static void appendNumber(ByteArrayOutputStream out, BigDecimal n) {
        n = DynamoValue.normalise(n);
        int sign = n.signum();
        if (sign == 0) {
            out.write(1);
            return;
        }
        out.write(sign > 0 ? 2 : 0);
        String digits = n.unscaledValue().abs().toString();
        int exponent = digits.length() - n.scale(); // value = 0.digits * 10^exponent
        int biased = exponent ^ 0x80000000;
        int mask = sign > 0 ? 0 : 0xFF;
        for (int shift = 24; shift >= 0; shift -= 8) out.write(((biased >>> shift) & 0xFF) ^ mask);
        for (int i = 0; i < digits.length(); i++) out.write((digits.charAt(i) - '0' + 1) ^ mask);
        out.write(mask);
    }

    private static String hex(byte[] bytes) {
        char[] chars = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            chars[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            chars[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(chars);
    }
}
