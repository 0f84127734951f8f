package dev.statebacked.cli;

import dev.statebacked.config.AwsClients;
import dev.statebacked.local.StackFile;
import dev.statebacked.messaging.DeadLetter;
import dev.statebacked.messaging.DeadLetters;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/** `statebacked dlq list|redrive`: the operator's commands for the messages the work queue gave up on. */
@Command(
        name = "dlq",
        mixinStandardHelpOptions = true,
        description = "List the messages in the dead-letter queue, or move them back to the work queue.",
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.RedriveCommand.class})
final class DlqCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Print every message in the dead-letter queue; each stays there.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        Queues queues;

        @Override
        public Integer call() {
            return queues.run(deadLetters -> {
                List<DeadLetter> all = deadLetters.list();
                for (DeadLetter letter : all) {
                    System.out.println(letter.messageId() + "  sent " + letter.sentAt() + "  receives "
                            + letter.receiveCount() + "  " + oneLine(letter.body()));
                }
                System.out.println(all.size() + " message(s) in the dead-letter queue");
                return 0;
            });
        }

        /** A body with line breaks would otherwise look like several messages. */
        private static String oneLine(String body) {
            return body.replace("\r", "\\r").replace("\n", "\\n");
        }
    }

    @Command(
            name = "redrive",
            mixinStandardHelpOptions = true,
            description = "Move the messages of the dead-letter queue (or only one) back to the work queue.")
    static final class RedriveCommand implements Callable<Integer> {
        @Option(
                names = "--id",
                paramLabel = "MESSAGE_ID",
                description = "Only the message with this id (from dlq list)")
        String id;

        @Mixin
        Queues queues;

        @Override
        public Integer call() {
            return queues.run(deadLetters -> {
                int moved = deadLetters.redrive(Optional.ofNullable(id));
                System.out.println("redrove " + moved + " message(s) to the work queue");
                return 0;
            });
        }
    }

    /** Where the queues are: the running local stack's stack.json, or the URLs of a deployment. */
    static final class Queues {
        @Mixin
        LocalDataDir dataDir;

        @ArgGroup(exclusive = false)
        Deployed deployed;

        static final class Deployed {
            @Option(
                    names = "--queue-url",
                    paramLabel = "URL",
                    required = true,
                    description = "Work queue URL of an AWS deployment")
            String workQueueUrl;

            @Option(
                    names = "--dlq-url",
                    paramLabel = "URL",
                    required = true,
                    description = "Dead-letter queue URL of an AWS deployment")
            String deadLetterQueueUrl;
        }

        int run(ToIntFunction<DeadLetters> action) {
            String endpoint;
            AwsClients aws;
            DeadLetters deadLetters;
            if (deployed != null) {
                // the SDK's own region and credentials chain, as the aws CLI would use them
                aws = new AwsClients(System.getenv());
                endpoint = deployed.deadLetterQueueUrl;
                deadLetters = new DeadLetters(aws.sqs(), deployed.deadLetterQueueUrl, deployed.workQueueUrl);
            } else {
                Optional<StackFile> stack = LocalStackFile.find(dataDir.path, "dlq", "--queue-url and --dlq-url");
                if (stack.isEmpty()) {
                    return 1;
                }
                StackFile local = stack.get();
                aws = new AwsClients(local.clientEnvironment());
                endpoint = local.sqsEndpoint();
                deadLetters = new DeadLetters(aws.sqs(), local.deadLetterQueueUrl(), local.workQueueUrl());
            }
            try (aws) {
                return action.applyAsInt(deadLetters);
            } catch (SdkException e) {
                // stack.json stays behind when the stack stops, so an unreachable endpoint usually means that
                System.err.println("statebacked dlq: cannot reach the queues at " + endpoint
                        + (deployed == null ? " (is ./statebacked local running?)" : "") + ": " + e.getMessage());
                return 1;
            }
        }
    }
}
