package dev.statebacked.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.statebacked.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryMessageQueueTest {
    private static final InstanceAddress RECEIVER = new InstanceAddress("machine", "instance");
    private final ManualClock clock = new ManualClock();
    private final InMemoryMessageQueue queue = new InMemoryMessageQueue(clock);

    private static Message recovery(String id) {
        return new Message.Recovery(id, "org", RECEIVER);
    }

    @Test
    void aMessageSentWithoutDelayIsDueAtOnceAndTakenOnce() {
        queue.send(recovery("a"), Duration.ZERO);
        queue.sendAll(List.of(recovery("b"), recovery("c")));

        assertThat(queue.takeDue()).containsExactly(recovery("a"), recovery("b"), recovery("c"));
        assertThat(queue.takeDue()).isEmpty();
        assertThat(queue.size()).isZero();
        assertThat(queue.sent())
                .extracting(InMemoryMessageQueue.Sent::message)
                .containsExactly(recovery("a"), recovery("b"), recovery("c"));
    }

    @Test
    void aDelayHoldsTheMessageBackForItsWholeSeconds() {
        queue.send(recovery("late"), Duration.ofMillis(2_999));
        queue.sendDelayed(List.of(
                new MessageQueue.Delayed(recovery("later"), Duration.ofSeconds(10)),
                new MessageQueue.Delayed(recovery("negative"), Duration.ofSeconds(-5))));

        assertThat(queue.takeDue()).containsExactly(recovery("negative"));
        assertThat(queue.nextVisibleAt()).hasValue(clock.instant().plusSeconds(2));
        clock.advance(Duration.ofMillis(1_999));
        assertThat(queue.takeDue()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(queue.takeDue()).containsExactly(recovery("late"));
        clock.advanceTo(queue.nextVisibleAt().orElseThrow());
        assertThat(queue.takeDue()).containsExactly(recovery("later"));
        assertThat(queue.nextVisibleAt()).isEmpty();
    }

    @Test
    void messagesComeEarliestVisibleFirstThenInTheOrderSent() {
        queue.send(recovery("in-five"), Duration.ofSeconds(5));
        queue.send(recovery("in-two"), Duration.ofSeconds(2));
        queue.send(recovery("at-once"), Duration.ZERO);
        clock.advance(Duration.ofSeconds(3));
        queue.send(recovery("in-two-too"), Duration.ofSeconds(-1));

        clock.advance(Duration.ofSeconds(10));
        assertThat(queue.takeDue())
                .containsExactly(recovery("at-once"), recovery("in-two"), recovery("in-two-too"), recovery("in-five"));
    }

    @Test
    void aDelayOverFifteenMinutesIsRefusedAndNothingOfTheBatchSent() {
        assertThatThrownBy(() -> queue.sendDelayed(List.of(
                        new MessageQueue.Delayed(recovery("fine"), Duration.ZERO),
                        new MessageQueue.Delayed(recovery("too-late"), MessageQueue.MAX_DELAY.plusSeconds(1)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(queue.size()).isZero();

        queue.send(recovery("just"), MessageQueue.MAX_DELAY);
        clock.advance(MessageQueue.MAX_DELAY);
        assertThat(queue.takeDue()).containsExactly(recovery("just"));
    }

    @Test
    void aMessageTravelsInItsWireForm() {
        Message wakeUp = new Message.TimerWakeUp("timer-1", "org", RECEIVER, 1_234L, 7L);
        queue.send(wakeUp, Duration.ZERO);

        List<MessageDispatcher.Received> received = queue.receiveDue();
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.body()).isEqualTo(Messages.toJson(wakeUp));
            assertThat(Messages.parse(r.body())).isEqualTo(wakeUp);
            assertThat(r.receiveCount()).isEqualTo(1);
        });
    }

    @Test
    void aReceivedMessageStaysHiddenUntilDeletedOrItsVisibilityTimeoutLapses() {
        queue.send(recovery("kept"), Duration.ZERO);
        queue.send(recovery("deleted"), Duration.ZERO);
        List<MessageDispatcher.Received> first = queue.receiveDue();
        queue.delete(first.get(1).receiptHandle());

        clock.advance(InMemoryMessageQueue.VISIBILITY_TIMEOUT.minusSeconds(1));
        assertThat(queue.receiveDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        List<MessageDispatcher.Received> again = queue.receiveDue();
        assertThat(again).singleElement().satisfies(r -> {
            assertThat(r.queueMessageId()).isEqualTo(first.getFirst().queueMessageId());
            assertThat(r.receiveCount()).isEqualTo(2);
            assertThat(r.receiptHandle()).isNotEqualTo(first.getFirst().receiptHandle());
        });
        assertThatThrownBy(() -> queue.delete(first.getFirst().receiptHandle()))
                .as("the handle of an earlier receive")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryLaterBringsAReceivedMessageBackAfterItsDelayAndIsRecorded() {
        queue.send(recovery("failing"), Duration.ZERO);
        MessageDispatcher.Received received = queue.receiveDue().getFirst();

        queue.retryLater(received.receiptHandle(), Duration.ofMillis(30_500));

        assertThat(queue.retries()).singleElement().satisfies(retry -> {
            assertThat(retry.receiptHandle()).isEqualTo(received.receiptHandle());
            assertThat(retry.message()).isEqualTo(recovery("failing"));
            assertThat(retry.delay()).isEqualTo(Duration.ofMillis(30_500));
            assertThat(retry.at()).isEqualTo(clock.instant());
        });
        clock.advance(Duration.ofSeconds(29));
        assertThat(queue.receiveDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(queue.receiveDue())
                .extracting(MessageDispatcher.Received::receiveCount)
                .containsExactly(2);
        assertThatThrownBy(() -> queue.retryLater(received.receiptHandle(), Duration.ZERO))
                .as("a handle of an earlier receive")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryLaterOnceTheVisibilityTimeoutIsOverFails() {
        queue.send(recovery("slow"), Duration.ZERO);
        MessageDispatcher.Received received = queue.receiveDue().getFirst();
        clock.advance(InMemoryMessageQueue.VISIBILITY_TIMEOUT);

        assertThatThrownBy(() -> queue.retryLater(received.receiptHandle(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMessageReceivedFiveTimesGoesToTheDeadLetterQueueInsteadOfASixth() {
        queue.send(recovery("poison"), Duration.ZERO);
        for (int receive = 1; receive <= MessageQueue.MAX_RECEIVES; receive++) {
            assertThat(queue.receiveDue())
                    .extracting(MessageDispatcher.Received::receiveCount)
                    .containsExactly(receive);
            clock.advance(InMemoryMessageQueue.VISIBILITY_TIMEOUT);
        }

        assertThat(queue.receiveDue()).isEmpty();
        assertThat(queue.size()).isZero();
        assertThat(queue.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(Messages.parse(dead.body())).isEqualTo(recovery("poison"));
            assertThat(dead.receiveCount()).isEqualTo(MessageQueue.MAX_RECEIVES);
        });
    }

    @Test
    void theWorkersPathDeletesWhatWasDeliveredAndRetriesWhatFailedAfterTheRetryDelay() {
        List<String> handled = new ArrayList<>();
        Set<String> failOnce = new HashSet<>(Set.of("flaky"));
        MessageHandler handler = message -> {
            if (failOnce.remove(message.id())) {
                throw new IllegalStateException("not this time");
            }
            handled.add(message.id());
        };
        MessageDispatcher dispatcher = new MessageDispatcher(handler, queue, Duration.ofSeconds(30));
        queue.sendAll(List.of(recovery("fine"), recovery("flaky")));

        assertThat(queue.deliverDue(dispatcher::deliver)).hasSize(2);
        assertThat(handled).containsExactly("fine");
        assertThat(queue.messages()).containsExactly(recovery("flaky"));
        assertThat(queue.retries())
                .extracting(InMemoryMessageQueue.Retry::delay)
                .containsExactly(Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(29));
        assertThat(queue.deliverDue(dispatcher::deliver)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(queue.deliverDue(dispatcher::deliver))
                .extracting(MessageDispatcher.Received::receiveCount)
                .containsExactly(2);
        assertThat(handled).containsExactly("fine", "flaky");
        assertThat(queue.size()).isZero();
    }

    @Test
    void aBodyThatIsNoMessageEndsInTheDeadLetterQueueOnTheWorkersPath() {
        MessageDispatcher dispatcher = new MessageDispatcher(message -> {}, queue, Duration.ofSeconds(30));
        queue.sendBody("{\"kind\":\"nonsense\"}", Duration.ZERO);

        for (int attempt = 0; attempt <= MessageQueue.MAX_RECEIVES; attempt++) {
            queue.deliverDue(dispatcher::deliver);
            clock.advance(Duration.ofSeconds(30));
        }

        assertThat(queue.retries()).hasSize(MessageQueue.MAX_RECEIVES);
        assertThat(queue.deadLetters()).extracting(DeadLetter::body).containsExactly("{\"kind\":\"nonsense\"}");
    }

    @Test
    void aSendThatFailsEnqueuesNothing() {
        List<List<MessageQueue.Delayed>> attempted = new ArrayList<>();
        queue.beforeNextSend(batch -> {
            attempted.add(batch);
            throw new IllegalStateException("SQS is down");
        });

        assertThatThrownBy(() -> queue.sendAll(List.of(recovery("a"), recovery("b"))))
                .hasMessage("SQS is down");
        assertThat(attempted).hasSize(1);
        assertThat(attempted.getFirst())
                .extracting(MessageQueue.Delayed::message)
                .containsExactly(recovery("a"), recovery("b"));
        assertThat(queue.size()).isZero();
        assertThat(queue.sent()).isEmpty();

        queue.send(recovery("c"), Duration.ZERO);
        assertThat(queue.takeDue()).containsExactly(recovery("c"));
    }
}
