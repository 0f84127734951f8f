package dev.statebacked.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.engine.LogRecord;
import dev.statebacked.store.InMemoryItemStore;
import dev.statebacked.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pages of log lines over the in-memory store: their cut, their maxTimestamp, their partitions. */
class LogReaderTest {
    private static final String ORG = "org_reader";
    private static final Instant START = Instant.parse("2024-05-01T10:59:59.950Z");

    private final ManualClock clock = new ManualClock(START);
    private final CountingStore store = new CountingStore(new InMemoryItemStore());
    private final ItemLogSink sink = new ItemLogSink(store, clock, Duration.ofDays(7));
    private final LogReader reader = new LogReader(store, clock);

    @BeforeEach
    void nothingCounted() {
        store.queries.clear();
    }

    private void print(String machine, String instance, String version, int lines) {
        sink.write(
                ORG,
                machine,
                version,
                instance,
                IntStream.range(0, lines)
                        .mapToObj(i -> new LogRecord(LogRecord.Level.INFO, clock.instant(), instance + " " + i))
                        .toList());
    }

    /** Every page from {@code from} as the official client's watch reads them, until it is caught up. */
    private List<LogPage> pagesFrom(LogQuery query) {
        List<LogPage> pages = new ArrayList<>();
        long from = query.fromMillis();
        while (true) {
            LogPage page = reader.read(ORG, query.startingAt(from));
            pages.add(page);
            if (page.entries().isEmpty() && page.maxTimestampMillis() == from) {
                return pages;
            }
            from = page.maxTimestampMillis();
        }
    }

    private static List<String> lines(List<LogPage> pages) {
        return pages.stream()
                .flatMap(page -> page.entries().stream())
                .map(LogEntry::log)
                .toList();
    }

    @Test
    void pagesOfAtMostAHundredLinesFollowEachOtherWithoutRepeatsOrGapsAcrossAnHour() {
        print("m", "a", "mv_1", 130); // one writer: each line its own millisecond, across 11:00
        clock.advance(Duration.ofSeconds(5));

        List<LogPage> pages = pagesFrom(LogQuery.from(START.toEpochMilli()));

        assertThat(store.store.items("logs#org_reader#2024050110")).hasSize(50);
        assertThat(store.store.items("logs#org_reader#2024050111")).hasSize(80);

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).entries()).hasSize(100);
        assertThat(pages.get(1).entries()).hasSize(30);
        assertThat(pages.get(2).entries()).isEmpty();
        assertThat(lines(pages))
                .containsExactlyElementsOf(
                        IntStream.range(0, 130).mapToObj(i -> "a " + i).toList());
        assertThat(pages.get(0).maxTimestampMillis())
                .isEqualTo(pages.get(0).entries().getLast().millis() + 1);
        assertThat(pages.get(2).maxTimestampMillis())
                .as("caught up: maxTimestamp is from")
                .isEqualTo(pages.get(1).maxTimestampMillis());
    }

    @Test
    void aPageNeverEndsInsideAMillisecond() {
        List<LogEntry> lines = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            lines.add(entry(1000 + i));
        }
        lines.addAll(Collections.nCopies(3, entry(2000))); // the 100th line shares its millisecond with 2 more
        lines.add(entry(3000));

        List<LogEntry> page = LogReader.page(lines.iterator());

        assertThat(page).hasSize(99);
        assertThat(page.getLast().millis()).isEqualTo(1098);
    }

    @Test
    void aPageEndsAtAHundredWhenTheNextLineIsOfAnotherMillisecond() {
        List<LogEntry> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            lines.add(entry(1000 + i));
        }

        assertThat(LogReader.page(lines.iterator())).hasSize(100);
    }

    @Test
    void aMillisecondThatAloneHoldsMoreThanAPageIsAnsweredWhole() {
        List<LogEntry> lines = new ArrayList<>(Collections.nCopies(130, entry(5000)));
        lines.add(entry(5001));

        List<LogEntry> page = LogReader.page(lines.iterator());

        assertThat(page).hasSize(130).allMatch(entry -> entry.millis() == 5000);
    }

    @Test
    void theNewestSecondsAreHeldBackUntilNothingStampedBeforeThemCanStillArrive() {
        print("m", "held", "mv_1", 1);
        long from = START.toEpochMilli();

        LogPage early = reader.read(ORG, LogQuery.from(from));
        clock.advance(LogReader.HOLD_BACK.plusMillis(1));
        LogPage later = reader.read(ORG, LogQuery.from(from));

        assertThat(early.entries()).isEmpty();
        assertThat(early.maxTimestampMillis()).isEqualTo(from);
        assertThat(later.entries()).extracting(LogEntry::log).containsExactly("held 0");
    }

    @Test
    void fromIsInclusiveAndToExclusive() {
        print("m", "range", "mv_1", 3);
        clock.advance(Duration.ofSeconds(10));
        long first = START.toEpochMilli();

        LogPage middle = reader.read(ORG, LogQuery.from(first + 1).to(first + 2));
        LogPage all = reader.read(ORG, LogQuery.from(first).to(first + 3));

        assertThat(middle.entries()).extracting(LogEntry::log).containsExactly("range 1");
        assertThat(all.entries()).extracting(LogEntry::log).containsExactly("range 0", "range 1", "range 2");
    }

    @Test
    void anEmptyRangeThatHasEndedAnswersItsEndSoThatAWatchWithToStops() {
        long from = START.toEpochMilli();
        clock.advance(Duration.ofMinutes(10));

        LogPage ended = reader.read(ORG, LogQuery.from(from).to(from + 60_000));
        LogPage notYet = reader.read(ORG, LogQuery.from(from).to(clock.millis() + 60_000));
        LogPage open = reader.read(ORG, LogQuery.from(from));

        assertThat(ended.maxTimestampMillis()).isEqualTo(from + 60_000);
        assertThat(notYet.maxTimestampMillis())
                .as("lines may still arrive before to")
                .isEqualTo(from);
        assertThat(open.maxTimestampMillis()).isEqualTo(from);
    }

    @Test
    void eachFilterReadsOnlyThePartitionsOfItsKind() {
        print("m1", "a", "mv_1", 2);
        print("m1", "b", "mv_2", 2);
        print("m2", "a", "mv_3", 2);
        clock.advance(Duration.ofSeconds(10));
        LogQuery all = LogQuery.from(START.toEpochMilli());

        assertThat(read(all)).containsExactly("a 0", "a 1", "b 0", "b 1", "a 0", "a 1");
        assertThat(store.queries).allMatch(partition -> partition.matches("logs#org_reader#\\d{10}"));
        store.queries.clear();
        assertThat(read(all.machine("m1"))).containsExactly("a 0", "a 1", "b 0", "b 1");
        assertThat(store.queries).allMatch(partition -> partition.startsWith("logs#org_reader#m#m1#"));
        store.queries.clear();
        assertThat(read(all.machine("m2").instance("a"))).containsExactly("a 0", "a 1");
        assertThat(store.queries).allMatch(partition -> partition.startsWith("logs#org_reader#i#m2#a#"));
        store.queries.clear();
        assertThat(read(all.version("mv_2"))).containsExactly("b 0", "b 1");
        assertThat(store.queries).allMatch(partition -> partition.startsWith("logs#org_reader#v#mv_2#"));
        assertThat(read(all.version("mv_2").machine("m2"))).isEmpty();
        assertThat(read(all.machine("m1").instance("a").version("mv_2"))).isEmpty();
    }

    @Test
    void aRangeReadsOneQueryAnHourAndAtMostADayAPage() {
        long from = START.toEpochMilli() - Duration.ofDays(3).toMillis();
        clock.advance(Duration.ofMinutes(1));

        LogPage first = reader.read(ORG, LogQuery.from(from));

        assertThat(first.entries()).isEmpty();
        assertThat(store.queries).hasSize(LogReader.MAX_HOURS);
        assertThat(first.maxTimestampMillis())
                .as("nothing more can arrive in the day read: the next call starts after it")
                .isEqualTo(LogPartitions.hourStart(from) + Duration.ofDays(1).toMillis());
        store.queries.clear();
        reader.read(ORG, LogQuery.from(START.toEpochMilli()).to(START.toEpochMilli() + 2_000));
        assertThat(store.queries).as("10:59:59.950 to 11:00:01.950").hasSize(2);
    }

    private List<String> read(LogQuery query) {
        return lines(pagesFrom(query));
    }

    private static LogEntry entry(long millis) {
        return new LogEntry(millis, ORG, "m", "i", "mv_1", "stdout", "at " + millis);
    }
}
