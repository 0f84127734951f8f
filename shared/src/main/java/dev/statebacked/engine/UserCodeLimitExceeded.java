package dev.statebacked.engine;

/** Machine code exceeded a resource limit other than time: the statement limit or the JS engine's memory limits. */
public final class UserCodeLimitExceeded extends EngineException {
    public UserCodeLimitExceeded(String message) {
        super(message);
    }
}
