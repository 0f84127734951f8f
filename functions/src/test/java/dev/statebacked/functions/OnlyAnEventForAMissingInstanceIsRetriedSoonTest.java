package dev.statebacked.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import dev.statebacked.functions.RetryDecisions.Retry;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import dev.statebacked.messaging.ReceiverNotReadyException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An event whose receiving instance does not exist (yet) is tried again soon; every other failure, and a missing
 * instance for any other message, after the usual retry delay.
 */
class OnlyAnEventForAMissingInstanceIsRetriedSoonTest {
    private static final InstanceAddress CHILD = new InstanceAddress("m", "child");
    private static final Message EVENT =
            new Message.Event("e1", "org", CHILD, new InstanceAddress("m", "parent"), null);
    private static final Message RECOVERY = new Message.Recovery("r1", "org", CHILD);

    @Test
    void aMissingReceiverOfAnEventIsRetriedSoon() {
        assertThat(RetryDecisions.retryOf(EVENT, new NotFound("no instance child of machine m")))
                .isEqualTo(Retry.SOON);
    }

    @Test
    void aMissingInstanceForAnyOtherMessageWaitsTheRetryDelay() {
        assertThat(RetryDecisions.retryOf(RECOVERY, new NotFound("no machine m")))
                .isEqualTo(Retry.AFTER_THE_RETRY_DELAY);
    }

    @Test
    void everyOtherFailureWaitsTheRetryDelay() {
        List<DomainException> others = List.of(
                new Conflict("instance child is paused"),
                new RejectedByAuthorizer("the machine's authorizer rejected the request"),
                new UserCodeFailed("x"),
                new InvalidInput("code", "x"),
                new TooLarge("x"),
                new UploadRefused("x"),
                new NoMigrationPath("x"),
                new StillProcessing("x"));

        assertThat(others)
                .allSatisfy(failure ->
                        assertThat(RetryDecisions.retryOf(EVENT, failure)).isEqualTo(Retry.AFTER_THE_RETRY_DELAY));
    }

    @Test
    void aRetrySoonReachesTheDispatcherAsReceiverNotReady() {
        NotFound missing = new NotFound("no instance child of machine m");
        RetryDecisions worker = new RetryDecisions(message -> {
            throw missing;
        });

        assertThat(catchThrowable(() -> worker.handle(EVENT)))
                .isInstanceOf(ReceiverNotReadyException.class)
                .hasMessage(missing.getMessage())
                .hasCause(missing);
        assertThat(catchThrowable(() -> worker.handle(RECOVERY))).isSameAs(missing);
    }

    /** Until InstanceProcessor throws domain failures. */
}
