package dev.statebacked.failures;

/**
 * An outcome of the domain that ends what was asked, carrying its exact message. Knows nothing of HTTP or queues:
 * the API edge maps each kind to its answer ({@code api.DomainFailures}) and the queue worker to a retry decision
 * ({@code functions.QueueWorkerHandler}), each with an exhaustive switch, so that a new kind must be given both.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound,
                Conflict,
                RejectedByAuthorizer,
                UserCodeFailed,
                InvalidInput,
                TooLarge,
                UploadRefused,
                NoMigrationPath,
                StillProcessing {
    DomainException(String message) {
        super(message);
    }
}
