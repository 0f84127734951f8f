package dev.statebacked.engine;

/** The bundle could not be loaded: a syntax error, an import other than xstate/@statebacked/machine, or a throw at the top level. */
public final class InvalidModuleError extends EngineException {
    public InvalidModuleError(String message) {
        super(message);
    }
}
