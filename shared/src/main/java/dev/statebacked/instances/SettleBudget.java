package dev.statebacked.instances;

import java.time.Duration;

/**
 * How long an instance keeps processing the done/error events of its ephemeral services after an external
 * event ({@code 90 s} by default, {@code STATEBACKED_SETTLE_BUDGET_SECONDS} to change it), and how long a
 * request waits for the instance to be free.
 */
public record SettleBudget(Duration settle, Duration waitForInstance) {
    public static final String ENVIRONMENT_VARIABLE = "STATEBACKED_SETTLE_BUDGET_SECONDS";

    public static SettleBudget fromEnvironment(java.util.Map<String, String> environment) {
        Duration settle = Duration.ofSeconds(Long.parseLong(environment.getOrDefault(ENVIRONMENT_VARIABLE, "90")));
        return new SettleBudget(settle, settle.plusSeconds(5));
    }
}
