package dev.statebacked.api;

import dev.statebacked.failures.Conflict;
import dev.statebacked.failures.DomainException;
import dev.statebacked.failures.InvalidInput;
import dev.statebacked.failures.NoMigrationPath;
import dev.statebacked.failures.NotFound;
import dev.statebacked.failures.RejectedByAuthorizer;
import dev.statebacked.failures.StillProcessing;
import dev.statebacked.failures.TooLarge;
import dev.statebacked.failures.UploadRefused;
import dev.statebacked.failures.UserCodeFailed;
import java.util.List;
import java.util.Optional;

/** The one place a domain failure becomes an HTTP answer: its status, its {@code code}, its message as it was. */
public final class DomainFailures {
    private DomainFailures() {
    }

    public static ApiResponse toResponse(DomainException failure) {
        return toApiException(failure).toResponse();
    }

    static ApiException toApiException(DomainException failure) {
        String message = failure.getMessage();
        return switch (failure) {
            case NotFound notFound -> ApiException.notFound(message);
            case Conflict conflict -> ApiException.conflict(message);
            case RejectedByAuthorizer rejected -> ApiException.forbidden("rejected-by-machine-authorizer", message);
            case UserCodeFailed userCode -> ApiException.userCode(message);
            case InvalidInput invalid -> ApiException.invalidParameter(invalid.parameter(), message);
            case TooLarge tooLarge -> ApiException.payloadTooLarge(message);
            case UploadRefused refused -> ApiException.forbidden(null, message);
            case NoMigrationPath noPath -> ApiException.badRequest("no-migration-path", message);
            case StillProcessing stillProcessing ->
                    ApiException.of(504, Optional.of("timeout"), Optional.empty(), message);
        };
    }

    /**
     * The domain failure answered as {@code refusal} is, so that the processor function can hand it to the API
     * function; derived from {@link #toApiException}, the one table. Empty for an answer no domain failure gives.
     */
    // until InstanceProcessor throws domain failures
    public static Optional<DomainException> fromApiException(ApiException refusal) {
        String message = refusal.getMessage();
        List<DomainException> candidates = List.of(new NotFound(message), new Conflict(message),
                new RejectedByAuthorizer(message), new UserCodeFailed(message),
                new InvalidInput(refusal.parameter().orElse(null), message), new TooLarge(message),
                new UploadRefused(message), new NoMigrationPath(message), new StillProcessing(message));
        return candidates.stream().filter(candidate -> sameAnswer(toApiException(candidate), refusal)).findFirst();
    }

    private static boolean sameAnswer(ApiException a, ApiException b) {
        return a.status() == b.status() && a.code().equals(b.code()) && a.parameter().equals(b.parameter());
    }
}
