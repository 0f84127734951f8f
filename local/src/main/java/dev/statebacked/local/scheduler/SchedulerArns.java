package dev.statebacked.local.scheduler;

import dev.statebacked.local.sqs.SqsEmulator;

/** ARNs in the local stack's region and account. */
final class SchedulerArns {
    private static final String PREFIX = "arn:aws:scheduler:" + SqsEmulator.REGION + ":" + SqsEmulator.ACCOUNT_ID + ":";

    private SchedulerArns() {}

    static String schedule(String groupName, String name) {
        return PREFIX + "schedule/" + groupName + "/" + name;
    }

    static String group(String name) {
        return PREFIX + "schedule-group/" + name;
    }

    /** The queue name in {@code arn:aws:sqs:<region>:<account>:<name>}, or null when the ARN is not an SQS queue's. */
    static String queueName(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", -1);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs") || parts[5].isEmpty()) {
            return null;
        }
        return parts[5];
    }
}
