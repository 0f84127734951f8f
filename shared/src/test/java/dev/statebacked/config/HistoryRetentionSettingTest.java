package dev.statebacked.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** STATEBACKED_HISTORY_RETENTION_DAYS: whole days, 30 when unset, and a broken value stops the function at init. */
class HistoryRetentionSettingTest {
    @Test
    void unsetItIsThirtyDays() {
        assertThat(settings(null).historyRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void setItIsThatManyDays() {
        assertThat(settings("1").historyRetention()).isEqualTo(Duration.ofDays(1));
        assertThat(settings("365").historyRetention()).isEqualTo(Duration.ofDays(365));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "1.5", "thirty", "36501"})
    void anythingButAPositiveNumberOfDaysIsRefused(String value) {
        assertThatThrownBy(() -> settings(value).historyRetention())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STATEBACKED_HISTORY_RETENTION_DAYS");
    }

    private static Settings settings(String days) {
        Map<String, String> env = new HashMap<>(Map.of(
                Settings.TABLE_NAME, "t",
                Settings.QUEUE_URL, "q",
                Settings.DEAD_LETTER_QUEUE_URL, "d",
                Settings.QUEUE_ARN, "a",
                Settings.SCHEDULE_GROUP, "g",
                Settings.SCHEDULER_ROLE_ARN, "r",
                Settings.MASTER_KEY_SECRET_ARN, "s"));
        if (days != null) {
            env.put(Settings.HISTORY_RETENTION_DAYS, days);
        }
        return Settings.fromEnvironment(env);
    }
}
