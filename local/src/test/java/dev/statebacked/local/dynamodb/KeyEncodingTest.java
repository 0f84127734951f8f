package dev.statebacked.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The storage relies on encoded keys sorting exactly like DynamoDB orders the values; check that on random values. */
class KeyEncodingTest {
    private final Random random = new Random(42);

    @Test
    void encodedNumbersSortNumerically() {
        List<DynamoValue> values = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            BigDecimal n = new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(60) - 30);
            if (random.nextInt(10) == 0) n = BigDecimal.ZERO;
            values.add(new DynamoValue.Num(n));
        }
        values.add(new DynamoValue.Num(new BigDecimal("1E+125")));
        values.add(new DynamoValue.Num(new BigDecimal("-1E+125")));
        values.add(new DynamoValue.Num(new BigDecimal("1E-130")));
        assertSameOrder(values);
    }

    @Test
    void encodedStringsAndBinariesSortByUnsignedBytesAndPrefixesFirst() {
        List<DynamoValue> strings = new ArrayList<>();
        List<DynamoValue> binaries = new ArrayList<>();
        int[] alphabet = {0, 1, 'a', 'b', 0x7F, 0xE9, 0xFFFD, 0x1F600};
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            byte[] b = new byte[random.nextInt(5)];
            for (int j = random.nextInt(5); j > 0; j--) s.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
            for (int j = 0; j < b.length; j++) b[j] = (byte) (random.nextBoolean() ? 0 : random.nextInt(256));
            strings.add(new DynamoValue.Str(s.toString()));
            binaries.add(new DynamoValue.Bin(b));
        }
        assertSameOrder(strings);
        assertSameOrder(binaries);
    }

    @Test
    void compositeKeysSortByPartitionThenSortKey() {
        DynamoValue a = new DynamoValue.Str("a"), ab = new DynamoValue.Str("ab");
        DynamoValue big = new DynamoValue.Num(new BigDecimal("100")), small = new DynamoValue.Num(new BigDecimal("-5"));
        List<String> keys = new ArrayList<>(
                List.of(KeyEncoding.encode(ab, small), KeyEncoding.encode(a, big), KeyEncoding.encode(a, small)));
        keys.sort(Comparator.naturalOrder());
        assertThat(keys)
                .containsExactly(
                        KeyEncoding.encode(a, small), KeyEncoding.encode(a, big), KeyEncoding.encode(ab, small));
        assertThat(KeyEncoding.encode(ab, small)).isGreaterThan(KeyEncoding.prefixEnd(KeyEncoding.encode(a)));
    }

    private static void assertSameOrder(List<DynamoValue> values) {
        List<DynamoValue> byValue = new ArrayList<>(values);
        byValue.sort(ValueOrder::compare);
        List<DynamoValue> byEncoding = new ArrayList<>(values);
        byEncoding.sort(Comparator.comparing(v -> KeyEncoding.encode(v)));
        for (int i = 0; i < values.size(); i++) {
            assertThat(ValueOrder.compare(byEncoding.get(i), byValue.get(i)))
                    .as("position %d", i)
                    .isZero();
        }
    }
}
