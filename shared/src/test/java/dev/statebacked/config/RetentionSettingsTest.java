package dev.statebacked.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * STATEBACKED_HISTORY_RETENTION_DAYS and STATEBACKED_LOG_RETENTION_DAYS: whole days, 30 and 7 when unset, and a
 * broken value stops the function at init.
 */
class RetentionSettingsTest {
    enum Retention {
        HISTORY(Settings.HISTORY_RETENTION_DAYS, Settings::historyRetention),
        LOGS(Settings.LOG_RETENTION_DAYS, Settings::logRetention);

        final String variable;
        final Function<Settings, Duration> read;

        Retention(String variable, Function<Settings, Duration> read) {
            this.variable = variable;
            this.read = read;
        }

        Duration with(String days) {
            Map<String, String> env = new HashMap<>(Map.of(
                    Settings.TABLE_NAME, "t",
                    Settings.QUEUE_URL, "q",
                    Settings.DEAD_LETTER_QUEUE_URL, "d",
                    Settings.QUEUE_ARN, "a",
                    Settings.SCHEDULE_GROUP, "g",
                    Settings.SCHEDULER_ROLE_ARN, "r",
                    Settings.MASTER_KEY_SECRET_ARN, "s"));
            if (days != null) {
                env.put(variable, days);
            }
            return read.apply(Settings.fromEnvironment(env));
        }
    }

    @ParameterizedTest
    @CsvSource({"HISTORY, 30", "LOGS, 7"})
    void unsetItIsTheDefault(Retention retention, int defaultDays) {
        assertThat(retention.with(null)).isEqualTo(Duration.ofDays(defaultDays));
    }

    @ParameterizedTest
    @CsvSource({"HISTORY, 1", "HISTORY, 365", "LOGS, 1", "LOGS, 30"})
    void setItIsThatManyDays(Retention retention, int days) {
        assertThat(retention.with(Integer.toString(days))).isEqualTo(Duration.ofDays(days));
    }

    @ParameterizedTest
    @CsvSource({
        "HISTORY, 0",
        "HISTORY, -3",
        "HISTORY, 1.5",
        "HISTORY, thirty",
        "HISTORY, 36501",
        "LOGS, 0",
        "LOGS, 7d",
        "LOGS, many",
        "LOGS, 36501"
    })
    void anythingButAPositiveNumberOfDaysIsRefused(Retention retention, String value) {
        assertThatThrownBy(() -> retention.with(value))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(retention.variable);
    }
}
