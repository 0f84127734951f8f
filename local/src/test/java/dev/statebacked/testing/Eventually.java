package dev.statebacked.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something the service does asynchronously (timers, messages between instances) to become true. */
public final class Eventually {
    private Eventually() {}

    /** Polls {@code probe} until {@code done} accepts its value or {@code within} passes; returns the last value. */
    public static <T> T poll(Duration within, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + within.toNanos();
        T value = probe.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
            value = probe.get();
        }
        return value;
    }

    public static boolean holds(Duration within, BooleanSupplier condition) {
        return poll(within, condition::getAsBoolean, Boolean::booleanValue);
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
