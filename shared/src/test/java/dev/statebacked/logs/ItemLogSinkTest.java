package dev.statebacked.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.engine.LogRecord;
import dev.statebacked.json.Json;
import dev.statebacked.store.InMemoryItemStore;
import dev.statebacked.store.StoredItem;
import dev.statebacked.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a line is stored: its copies, its stamp, its time to live. */
class ItemLogSinkTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00.000Z");

    private final ManualClock clock = new ManualClock(NOW);
    private final CountingStore store = new CountingStore(new InMemoryItemStore());

    private static List<LogRecord> lines(String... messages) {
        return java.util.Arrays.stream(messages)
                .map(m -> new LogRecord(LogRecord.Level.INFO, NOW.minusSeconds(60), m))
                .toList();
    }

    @Test
    void eachLineIsStoredInTheOrgMachineInstanceAndVersionPartitionsOfItsHourInOneBatch() {
        new ItemLogSink(store, clock, Duration.ofDays(7)).write("org_1", "m", "mv_1", "i", lines("hello"));

        assertThat(store.batches).hasSize(1);
        assertThat(store.store.items())
                .extracting(item -> item.key().partition())
                .containsExactlyInAnyOrder(
                        "logs#org_1#2024050112",
                        "logs#org_1#m#m#2024050112",
                        "logs#org_1#i#m#i#2024050112",
                        "logs#org_1#v#mv_1#2024050112");
        StoredItem item = store.store.items().getFirst();
        assertThat(item.key().sort()).startsWith(NOW.toEpochMilli() + "#");
        assertThat(Json.readStored(item.body()).toString())
                .isEqualTo("{\"timestamp\":\"2024-05-01T12:00:00.000Z\",\"orgId\":\"org_1\",\"machineName\":\"m\","
                        + "\"instanceName\":\"i\",\"machineVersionId\":\"mv_1\",\"outputType\":\"stdout\","
                        + "\"log\":\"hello\"}");
    }

    @Test
    void aLineOfNoInstanceIsStoredWithoutAnInstanceCopy() {
        new ItemLogSink(store, clock, Duration.ofDays(7)).write("org_1", "m", "mv_1", "", lines("mapper says"));

        assertThat(store.store.items())
                .extracting(item -> item.key().partition())
                .containsExactlyInAnyOrder(
                        "logs#org_1#2024050112", "logs#org_1#m#m#2024050112", "logs#org_1#v#mv_1#2024050112");
    }

    @Test
    void everyCopyExpiresTheRetentionAfterItsStamp() {
        new ItemLogSink(store, clock, Duration.ofDays(3)).write("org_1", "m", "mv_1", "i", lines("a", "b"));

        assertThat(store.store.items())
                .hasSize(8)
                .allSatisfy(item -> assertThat(Long.parseLong(item.attributes().get("ttl")))
                        .isEqualTo(Instant.ofEpochMilli(
                                        LogPartitions.millisOf(item.key().sort()))
                                .plus(Duration.ofDays(3))
                                .getEpochSecond()));
        assertThat(store.store.removeExpired(NOW.plus(Duration.ofDays(3)).plusSeconds(1)))
                .isEqualTo(8);
    }

    @Test
    void linesAreStampedWhenStoredEachAMillisecondAfterTheWritersPreviousOne() {
        ItemLogSink sink = new ItemLogSink(store, clock, Duration.ofDays(7));
        sink.write("org_1", "m", "mv_1", "i", lines("a", "b", "c"));
        sink.write("org_1", "m", "mv_1", "j", lines("d"));

        assertThat(store.store.items("logs#org_1#2024050112"))
                .extracting(item -> LogPartitions.millisOf(item.key().sort()))
                .as("printed a minute ago, stamped now; the next write does not share their milliseconds")
                .containsExactly(
                        NOW.toEpochMilli(), NOW.toEpochMilli() + 1, NOW.toEpochMilli() + 2, NOW.toEpochMilli() + 3);
    }

    @Test
    void aWriteThatTookLongerThanReadersHoldBackIsWrittenAgainUnderFreshStamps() {
        ItemLogSink sink = new ItemLogSink(store, clock, Duration.ofDays(7));
        store.beforePuts = () -> {
            store.beforePuts = () -> {};
            clock.advance(LogReader.HOLD_BACK); // the first attempt lands late
        };

        sink.write("org_1", "m", "mv_1", "i", lines("slow"));

        assertThat(store.batches).hasSize(2);
        assertThat(store.store.items("logs#org_1#i#m#i#2024050112"))
                .extracting(item -> LogPartitions.millisOf(item.key().sort()))
                .containsExactly(
                        NOW.toEpochMilli(), NOW.plus(LogReader.HOLD_BACK).toEpochMilli());
        // a reader that passed the first stamp before it landed still finds the second copy ahead of it
        LogReader reader = new LogReader(store, clock);
        clock.advance(LogReader.HOLD_BACK.plusMillis(1));
        assertThat(reader.read("org_1", LogQuery.from(NOW.toEpochMilli() + 1)).entries())
                .extracting(LogEntry::log)
                .containsExactly("slow");
    }

    @Test
    void aLineOfFourHundredCharactersWithLongNamesCostsOneWriteUnitACopy() {
        String org = "org_" + "O".repeat(22);
        String machine = "m".repeat(64);
        String instance = "i".repeat(64);
        String version = "mv_" + "0".repeat(28);
        new ItemLogSink(store, clock, Duration.ofDays(7))
                .write(org, machine, version, instance, lines("x".repeat(400)));

        assertThat(store.store.items())
                .hasSize(4)
                .allSatisfy(item -> assertThat(dynamoDbSize(item))
                        .as(item.key().partition())
                        .isLessThanOrEqualTo(1024));
    }

    /**
     * DynamoDB's size of an item as its write units count it: each attribute's name and value in UTF-8 bytes, a
     * number about one byte per two digits plus one ({@code pk}, {@code sk}, {@code body}, {@code seq}, {@code ttl}).
     */
    private static int dynamoDbSize(StoredItem item) {
        int size = "pk".length()
                + utf8(item.key().partition())
                + "sk".length()
                + utf8(item.key().sort());
        size += "body".length() + utf8(item.body()) + "seq".length() + 2;
        for (var attribute : item.attributes().entrySet()) {
            size += utf8(attribute.getKey()) + attribute.getValue().length() / 2 + 2;
        }
        return size;
    }

    private static int utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @Test
    void warningsAndErrorsAreStderrTheRestStdout() {
        assertThat(ItemLogSink.outputType(LogRecord.Level.ERROR)).isEqualTo("stderr");
        assertThat(ItemLogSink.outputType(LogRecord.Level.WARN)).isEqualTo("stderr");
        assertThat(ItemLogSink.outputType(LogRecord.Level.INFO)).isEqualTo("stdout");
        assertThat(ItemLogSink.outputType(LogRecord.Level.DEBUG)).isEqualTo("stdout");
    }
}
