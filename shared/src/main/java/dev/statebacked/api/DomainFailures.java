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
import java.util.Optional;

/** The one place a domain failure becomes an HTTP answer: its status, its {@code code}, its message as it was. */
public final class DomainFailures {
    private DomainFailures() {}

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
}
