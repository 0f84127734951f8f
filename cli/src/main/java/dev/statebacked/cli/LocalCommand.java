package dev.statebacked.cli;

import dev.statebacked.config.Settings;
import dev.statebacked.engine.EgressPolicy;
import dev.statebacked.local.LocalStack;
import dev.statebacked.local.LocalStackException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description = "Run the whole service on this machine on embedded DynamoDB, SQS and Scheduler emulators.")
final class LocalCommand implements Callable<Integer> {
    private static final String PRIMING_SECONDS = "STATEBACKED_PRIMING_SECONDS";
    /** The template's MaxValue of either retention. */
    private static final int MAX_RETENTION_DAYS = 36_500;

    @Option(names = "--port", defaultValue = "8000", description = "HTTP port of the API (default: ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--data-dir",
            defaultValue = ".statebacked",
            description = "Where tables, messages, schedules and credentials are kept (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
            names = "--lambda",
            description =
                    "Run each function from its deployment artifact in JVMs of its own under "
                            + "the AWS Lambda runtime interface client, as Lambda runs it (slower to start; proves the artifact)")
    boolean lambda;

    @Option(
            names = "--artifact",
            defaultValue = "${env:STATEBACKED_HOME:-.}/functions/target/statebacked-functions-lambda.zip",
            description = "The deployment artifact for --lambda (default: ${DEFAULT-VALUE})")
    Path artifact;

    @Option(
            names = "--concurrency",
            defaultValue = "4",
            description = "With --lambda: execution environments per function at most (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(
            names = "--priming-seconds",
            defaultValue = "0",
            description = "With --lambda: how long each function primes its JS engine at init, as before a SnapStart "
                    + "snapshot (default: ${DEFAULT-VALUE}; the template's value is for AWS, where it is paid once)")
    int primingSeconds;

    @Option(
            names = "--egress-allow",
            defaultValue = "",
            description =
                    "Hosts, addresses and CIDR blocks (comma-separated) that machine code's fetch may reach besides "
                            + "the public internet, e.g. an internal service; loopback and private networks are refused otherwise")
    String egressAllow;

    @Option(
            names = "--history-retention-days",
            paramLabel = "DAYS",
            description = "Days each transition of an instance's history is kept, then expires (default: 30, "
                    + "the template's HistoryRetentionDays)")
    Integer historyRetentionDays;

    @Option(
            names = "--log-retention-days",
            paramLabel = "DAYS",
            description = "Days each line machine code logged is kept, then expires (default: 7, the template's "
                    + "MachineLogRetentionDays)")
    Integer logRetentionDays;

    @Override
    public Integer call() throws InterruptedException {
        LocalStack stack;
        try {
            LocalStack.Options options = new LocalStack.Options(port, dataDir);
            if (lambda) {
                options = options.withFunctions(new LocalStack.Functions.Lambda(artifact, concurrency));
            }
            options = options.withSettings(settings());
            stack = LocalStack.start(options);
        } catch (LocalStackException | IllegalArgumentException e) {
            System.err.println("statebacked local: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("statebacked local: failed to start: " + e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stack.close();
                            stopped.countDown();
                        },
                        "statebacked-shutdown"));
        System.out.println("statebacked local ready on " + stack.apiUrl());
        System.out.println(
                "credentials: " + dataDir.toAbsolutePath().normalize().resolve("credentials.json"));
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * The functions' environment that the options set, as template.yaml's parameters set it on AWS; what is refused
     * is refused here, before anything starts.
     */
    Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        EgressPolicy.allowing(egressAllow); // a malformed list is refused before anything starts
        settings.put(EgressPolicy.ENVIRONMENT_VARIABLE, egressAllow);
        if (lambda) {
            settings.put(PRIMING_SECONDS, Integer.toString(primingSeconds));
        }
        // unset, the template's defaults apply, as they do on AWS
        if (historyRetentionDays != null) {
            settings.put(Settings.HISTORY_RETENTION_DAYS, days("--history-retention-days", historyRetentionDays));
        }
        if (logRetentionDays != null) {
            settings.put(Settings.LOG_RETENTION_DAYS, days("--log-retention-days", logRetentionDays));
        }
        return settings;
    }

    private static String days(String option, int days) {
        if (days < 1 || days > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException(
                    option + " must be a whole number of days from 1 to " + MAX_RETENTION_DAYS + ", not " + days);
        }
        return Integer.toString(days);
    }
}
