package dev.statebacked.logs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Timestamps of the logs API, written exactly as JavaScript's {@code Date.prototype.toISOString()} writes them
 * ({@code 2024-05-01T12:00:00.120Z}: UTC, always three fraction digits). The official client compares our
 * {@code maxTimestamp} with its own {@code from.toISOString()} as strings to tell that it has caught up, so
 * {@link Instant#toString()}, which drops or extends the fraction, would keep it polling without a pause.
 */
public final class LogTimestamps {
    private static final DateTimeFormatter JS_ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Years JavaScript writes with four digits; outside them it writes {@code +275760-...}, never sent as-is here. */
    private static final long EARLIEST = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();

    private static final long LATEST = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private LogTimestamps() {}

    /** {@code millis} since the epoch as {@code toISOString()} writes it. */
    public static String format(long millis) {
        return JS_ISO.format(Instant.ofEpochMilli(millis));
    }

    /**
     * An ISO-8601 instant ({@code Z} or an offset, any number of fraction digits) as epoch milliseconds, with any
     * fraction of a millisecond dropped; empty when it is not one, or outside the years 0000 to 9999.
     */
    public static Optional<Long> parse(String text) {
        try {
            long millis = Instant.parse(text).toEpochMilli();
            return millis < EARLIEST || millis > LATEST ? Optional.empty() : Optional.of(millis);
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
