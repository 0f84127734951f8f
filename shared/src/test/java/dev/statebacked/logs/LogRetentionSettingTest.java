package dev.statebacked.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.statebacked.config.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** STATEBACKED_LOG_RETENTION_DAYS: 7 days unless set, and a value that is not a positive integer fails the start. */
class LogRetentionSettingTest {
    private static Settings with(String days) {
        Map<String, String> env = new HashMap<>();
        for (String name : new String[] {
            Settings.TABLE_NAME,
            Settings.QUEUE_URL,
            Settings.DEAD_LETTER_QUEUE_URL,
            Settings.QUEUE_ARN,
            Settings.SCHEDULE_GROUP,
            Settings.SCHEDULER_ROLE_ARN,
            Settings.MASTER_KEY_SECRET_ARN
        }) {
            env.put(name, "x");
        }
        if (days != null) {
            env.put("STATEBACKED_LOG_RETENTION_DAYS", days);
        }
        return Settings.fromEnvironment(env);
    }

    @Test
    void sevenDaysUnlessSet() {
        assertThat(with(null).logRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(with("30").logRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aValueThatIsNotAPositiveNumberOfDaysIsRefused() {
        for (String bad : new String[] {"0", "-1", "7d", "1.5", "many"}) {
            assertThatThrownBy(() -> with(bad).logRetention())
                    .as(bad)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("STATEBACKED_LOG_RETENTION_DAYS");
        }
    }
}
