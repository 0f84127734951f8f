package dev.statebacked.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A message whose receiver is still being created is retried soon, then less and less often, up to the retry delay. */
class ReceiverNotReadyBackoffTest {
    private final MessageDispatcher dispatcher = new MessageDispatcher(message -> {}, null, Duration.ofSeconds(30));

    @Test
    void theDelayDoublesFromOneSecondWithEveryReceive() {
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(dispatcher::receiverNotReadyDelay))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16));
    }

    @Test
    void fiveAttemptsGiveAColdStartingCreationHalfAMinute() {
        Duration total = IntStream.rangeClosed(1, 4)
                .mapToObj(dispatcher::receiverNotReadyDelay)
                .reduce(Duration.ZERO, Duration::plus);

        assertThat(total).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void theDelayNeverExceedsTheRetryDelay() {
        MessageDispatcher fast = new MessageDispatcher(message -> {}, null, Duration.ofSeconds(1));

        assertThat(fast.receiverNotReadyDelay(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(dispatcher.receiverNotReadyDelay(40)).isEqualTo(Duration.ofSeconds(30));
    }
}
