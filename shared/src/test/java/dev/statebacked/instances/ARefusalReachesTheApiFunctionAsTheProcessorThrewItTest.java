package dev.statebacked.instances;

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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The processor function's refusal is thrown in the API function as the failure the processor threw. */
class ARefusalReachesTheApiFunctionAsTheProcessorThrewItTest {
    private static final List<DomainException> FAILURES = List.of(
            new NotFound("no instance i of machine m"),
            new Conflict("instance i is paused"),
            new RejectedByAuthorizer("the machine's authorizer rejected the request"),
            new UserCodeFailed("UserCodeError: boom"),
            new InvalidInput("machineVersionId", "machine m has no current version"),
            new TooLarge("code exceeds 10 bytes"),
            new UploadRefused("upload policy expired"),
            new NoMigrationPath("no migration path from a to b"),
            new StillProcessing("instance i is still processing"));

    @Test
    void everyKindCrossesWithItsMessage() {
        assertThat(FAILURES.stream().map(Object::getClass).toList())
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(DomainException.class.getPermittedSubclasses()));
        for (DomainException failure : FAILURES) {
            Throwable thrown = catchThrowable(() -> ProcessingOutcome.read(ProcessingOutcome.refused(failure)));

            assertThat(thrown).isExactlyInstanceOf(failure.getClass()).hasMessage(failure.getMessage());
        }
    }

    @Test
    void anInvalidInputKeepsItsParameter() {
        Throwable thrown = catchThrowable(() -> ProcessingOutcome.read(
                ProcessingOutcome.refused(new InvalidInput("machineVersionId", "machine m has no current version"))));

        assertThat(thrown)
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        invalid -> assertThat(invalid.parameter()).isEqualTo("machineVersionId"));
    }
}
