package dev.statebacked.engine;

/**
 * Everything the engine throws because of the machine's code or data. The host maps each kind to a response
 * (a user error, a timeout...) without parsing messages. A context that threw one of these is never reused.
 */
public abstract sealed class EngineException extends RuntimeException
        permits UserCodeError,
                UserCodeTimeout,
                UserCodeLimitExceeded,
                InvalidModuleError,
                InvalidExportError,
                NonJsonContextError,
                ContextTooLargeError {
    protected EngineException(String message) {
        super(message);
    }

    protected EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
