package dev.statebacked.local.scheduler;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one-time form of EventBridge Scheduler expressions: {@code at(yyyy-mm-ddThh:mm:ss)} in a time zone. */
final class ScheduleExpressions {
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");

    private ScheduleExpressions() {}

    /** The instant {@code expression} names in {@code timezone} (an IANA name; null means UTC). */
    static Instant fireAt(String expression, String timezone) {
        if (expression == null || expression.isBlank()) {
            throw SchedulerException.validation("ScheduleExpression is required");
        }
        Matcher at = AT.matcher(expression.trim());
        if (!at.matches()) {
            if (expression.startsWith("rate(") || expression.startsWith("cron(")) {
                throw SchedulerException.validation(
                        "the local scheduler supports only one-time at(...) schedules, not " + expression);
            }
            throw SchedulerException.validation("Invalid Schedule Expression " + expression);
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone == null ? "UTC" : timezone);
        } catch (DateTimeException e) {
            throw SchedulerException.validation("Invalid ScheduleExpressionTimezone " + timezone);
        }
        try {
            return LocalDateTime.parse(at.group(1)).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw SchedulerException.validation("Invalid Schedule Expression " + expression);
        }
    }
}
