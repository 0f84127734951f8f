package dev.statebacked.engine;

/** A transition produced a context that is not plain JSON (a function, a Map, a class instance, NaN...). */
public final class NonJsonContextError extends EngineException {
    public NonJsonContextError(String message) {
        super(message);
    }
}
