package dev.statebacked.engine;

import java.time.Instant;

/** One line of machine output ({@code console.*}, {@code log(...)} actions, engine warnings). */
public record LogRecord(Level level, Instant time, String message) {
    public enum Level {
        DEBUG,
        INFO,
        WARN,
        ERROR
    }
}
