package dev.statebacked.local.lambda;

import java.nio.file.Path;
import java.util.Map;

/**
 * One function as template.yaml declares it: what Lambda needs to start its execution environments.
 *
 * @param name the function's logical id
 * @param handler {@code class::method}
 * @param timeoutSeconds the function's timeout, enforced per invocation
 * @param memoryMegabytes the function's memory size, which bounds the heap
 * @param snapStart whether the template publishes it with SnapStart (its CRaC hooks then run at init)
 * @param environment the template's variables plus the account's (region, endpoints, credentials)
 * @param taskRoot the unpacked deployment artifact ({@code /var/task} on Lambda)
 */
public record FunctionConfig(
        String name,
        String handler,
        int timeoutSeconds,
        int memoryMegabytes,
        boolean snapStart,
        Map<String, String> environment,
        Path taskRoot) {
    public FunctionConfig {
        environment = Map.copyOf(environment);
    }

    String arn(String region, String account) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }
}
