package dev.statebacked.config;

import java.util.Map;
import java.util.Optional;

/**
 * Everything an entry point needs to know about its environment, read from environment variables.
 * On AWS they are set by template.yaml; the local stack derives the same map from the same template,
 * so nothing downstream can tell where it runs.
 */
public record Settings(
        String tableName,
        String queueUrl,
        String deadLetterQueueUrl,
        String queueArn,
        String scheduleGroup,
        String schedulerRoleArn,
        String masterKeySecretArn,
        Optional<String> apiUrl,
        Map<String, String> environment) {

    public static final String TABLE_NAME = "STATEBACKED_TABLE";
    public static final String QUEUE_URL = "STATEBACKED_QUEUE_URL";
    public static final String DEAD_LETTER_QUEUE_URL = "STATEBACKED_DLQ_URL";
    public static final String QUEUE_ARN = "STATEBACKED_QUEUE_ARN";
    public static final String SCHEDULE_GROUP = "STATEBACKED_SCHEDULE_GROUP";
    public static final String SCHEDULER_ROLE_ARN = "STATEBACKED_SCHEDULER_ROLE_ARN";
    public static final String API_URL = "STATEBACKED_API_URL";
    /** The management endpoint of the WebSocket API's stage, where real-time messages are posted to connections. */
    public static final String WEBSOCKET_ENDPOINT = "STATEBACKED_WEBSOCKET_ENDPOINT";
    /** The Secrets Manager secret the master key is derived from (see {@code auth.MasterKey}). */
    public static final String MASTER_KEY_SECRET_ARN = "STATEBACKED_MASTER_KEY_SECRET_ARN";
    /** Whole days an instance's transition history is kept (template parameter HistoryRetentionDays). */
    public static final String HISTORY_RETENTION_DAYS = "STATEBACKED_HISTORY_RETENTION_DAYS";

    /** Whole days machine log lines are kept (template parameter MachineLogRetentionDays). */
    public static final String LOG_RETENTION_DAYS = "STATEBACKED_LOG_RETENTION_DAYS";

    private static final long DEFAULT_HISTORY_RETENTION_DAYS = 30;
    private static final long DEFAULT_LOG_RETENTION_DAYS = 7;

    public static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(
                required(env, TABLE_NAME),
                required(env, QUEUE_URL),
                required(env, DEAD_LETTER_QUEUE_URL),
                required(env, QUEUE_ARN),
                required(env, SCHEDULE_GROUP),
                required(env, SCHEDULER_ROLE_ARN),
                required(env, MASTER_KEY_SECRET_ARN),
                Optional.ofNullable(env.get(API_URL)).filter(s -> !s.isBlank()),
                Map.copyOf(env));
    }

    /** The WebSocket API's management endpoint; only the real-time functions need it. */
    public java.net.URI webSocketEndpoint() {
        return java.net.URI.create(required(environment, WEBSOCKET_ENDPOINT));
    }

    /**
     * How long after it was written a transition's history entry is kept; then DynamoDB's time to live deletes
     * it (days later at most). Unset means 30 days; anything but a positive number of days is a broken deployment,
     * refused at startup rather than keeping history forever or not at all.
     */
    public java.time.Duration historyRetention() {
        return java.time.Duration.ofDays(positiveDays(HISTORY_RETENTION_DAYS, DEFAULT_HISTORY_RETENTION_DAYS));
    }

    /** How long log lines are kept after their timestamp, as {@link #historyRetention()} is read; 7 days unset. */
    public java.time.Duration logRetention() {
        return java.time.Duration.ofDays(positiveDays(LOG_RETENTION_DAYS, DEFAULT_LOG_RETENTION_DAYS));
    }

    private long positiveDays(String name, long fallback) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long days = Long.parseLong(value.strip());
            if (days > 0 && days <= 36_500) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(
                "environment variable " + name + " must be a whole number of days from 1 to 36500, not " + value);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
