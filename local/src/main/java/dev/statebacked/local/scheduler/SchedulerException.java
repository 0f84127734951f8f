package dev.statebacked.local.scheduler;

/**
 * An error answered in EventBridge Scheduler's REST-JSON shape: the HTTP status and the
 * {@code x-amzn-ErrorType} header let the SDK raise the matching modelled exception.
 */
final class SchedulerException extends RuntimeException {
    private final int status;
    private final String type;

    private SchedulerException(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    static SchedulerException validation(String message) {
        return new SchedulerException(400, "ValidationException", message);
    }

    static SchedulerException notFound(String message) {
        return new SchedulerException(404, "ResourceNotFoundException", message);
    }

    static SchedulerException conflict(String message) {
        return new SchedulerException(409, "ConflictException", message);
    }

    static SchedulerException unknownOperation(String method, String path) {
        return new SchedulerException(
                404, "UnknownOperationException", "the local scheduler does not implement " + method + " " + path);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
