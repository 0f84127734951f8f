package dev.statebacked.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Timestamps as JavaScript's toISOString() writes them, which the official client compares as strings. */
class LogTimestampsTest {
    private static final String JS_ISO = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$";

    @Test
    void alwaysThreeFractionDigitsInUtcWhereInstantToStringWritesNoneOrMore() {
        long whole = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

        assertThat(Instant.ofEpochMilli(whole).toString()).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(LogTimestamps.format(whole)).isEqualTo("2024-05-01T12:00:00.000Z");
        assertThat(LogTimestamps.format(whole + 120)).isEqualTo("2024-05-01T12:00:00.120Z");
        assertThat(LogTimestamps.format(0))
                .isEqualTo("1970-01-01T00:00:00.000Z")
                .matches(JS_ISO);
    }

    @Test
    void parsesWhatToIsoStringWritesAndOtherIsoInstantsDroppingSubMillisecondDigits() {
        assertThat(LogTimestamps.parse("2024-05-01T12:00:00.120Z"))
                .contains(Instant.parse("2024-05-01T12:00:00.120Z").toEpochMilli());
        assertThat(LogTimestamps.parse("2024-05-01T12:00:00Z"))
                .contains(Instant.parse("2024-05-01T12:00:00Z").toEpochMilli());
        assertThat(LogTimestamps.parse("2024-05-01T12:00:00.120999Z"))
                .contains(Instant.parse("2024-05-01T12:00:00.120Z").toEpochMilli());
        assertThat(LogTimestamps.parse("2024-05-01T14:00:00.000+02:00"))
                .contains(Instant.parse("2024-05-01T12:00:00Z").toEpochMilli());
    }

    @Test
    void aFormattedTimestampParsesBackToItsMillisecond() {
        long millis = Instant.parse("2031-12-31T23:59:59.999Z").toEpochMilli();

        assertThat(LogTimestamps.parse(LogTimestamps.format(millis))).contains(millis);
    }

    @Test
    void refusesWhatIsNotAnIsoInstant() {
        assertThat(LogTimestamps.parse("yesterday")).isEmpty();
        assertThat(LogTimestamps.parse("2024-05-01")).isEmpty();
        assertThat(LogTimestamps.parse("2024-13-01T00:00:00.000Z")).isEmpty();
        assertThat(LogTimestamps.parse("1714564800000")).isEmpty();
        assertThat(LogTimestamps.parse("+275760-09-13T00:00:00.000Z")).isEmpty();
    }
}
