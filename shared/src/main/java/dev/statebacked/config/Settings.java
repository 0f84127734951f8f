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

    /** Days log lines are kept (DynamoDB's time to live deletes them some time after): a positive integer. */
    public static final String LOG_RETENTION_DAYS = "STATEBACKED_LOG_RETENTION_DAYS";

    /**
     * How long log lines are kept after their timestamp: {@value #LOG_RETENTION_DAYS} days, 7 when unset. A value
     * that is not a positive integer fails the function's start rather than keeping logs for a surprising time.
     */
    public java.time.Duration logRetention() {
        String days = environment.get(LOG_RETENTION_DAYS);
        if (days == null || days.isBlank()) {
            return java.time.Duration.ofDays(7);
        }
        try {
            long parsed = Long.parseLong(days.strip());
            if (parsed > 0 && parsed <= 36_500) {
                return java.time.Duration.ofDays(parsed);
            }
        } catch (NumberFormatException e) {
            // refused below, as a value out of range is
        }
        throw new IllegalStateException(
                "environment variable " + LOG_RETENTION_DAYS + " must be a positive number of days, not " + days);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
