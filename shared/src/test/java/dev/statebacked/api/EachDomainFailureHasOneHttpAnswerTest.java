package dev.statebacked.api;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each domain failure is answered with one status and code, its message as it was thrown: the answers the API
 * gave when the domain threw them as HTTP errors itself.
 */
class EachDomainFailureHasOneHttpAnswerTest {
    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(new NotFound("no machine m"), 404, "{\"error\":\"no machine m\"}"),
                Arguments.of(
                        new Conflict("instance i is paused"),
                        409,
                        "{\"error\":\"instance i is paused\",\"code\":\"invalid-state\"}"),
                Arguments.of(
                        new RejectedByAuthorizer("the machine's authorizer rejected the request"),
                        403,
                        "{\"error\":\"the machine's authorizer rejected the request\",\"code\":\"rejected-by-machine-authorizer\"}"),
                Arguments.of(
                        new UserCodeFailed("UserCodeError: boom"),
                        400,
                        "{\"error\":\"UserCodeError: boom\",\"code\":\"user-code-error\"}"),
                Arguments.of(
                        new InvalidInput("code", "no code was uploaded for this version"),
                        400,
                        "{\"error\":\"no code was uploaded for this version\",\"code\":\"invalid-parameter\",\"parameter\":\"code\"}"),
                Arguments.of(
                        new TooLarge("code exceeds 10 bytes"),
                        413,
                        "{\"error\":\"code exceeds 10 bytes\",\"code\":\"invalid-parameter\"}"),
                Arguments.of(new UploadRefused("upload policy expired"), 403, "{\"error\":\"upload policy expired\"}"),
                Arguments.of(
                        new NoMigrationPath("no migration path from a to b"),
                        400,
                        "{\"error\":\"no migration path from a to b\",\"code\":\"no-migration-path\"}"),
                Arguments.of(
                        new StillProcessing("instance i has not processed the event within 25 s"),
                        504,
                        "{\"error\":\"instance i has not processed the event within 25 s\",\"code\":\"timeout\"}"));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void isAnsweredWithItsStatusItsCodeAndItsMessage(DomainException failure, int status, String body) {
        ApiResponse response = DomainFailures.toResponse(failure);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers()).containsEntry("content-type", "application/json");
    }

    @ParameterizedTest
    @MethodSource("answers")
    void isAnsweredSoWhenAnOperationThrowsIt(DomainException failure, int status, String body) {
        Router router = Router.builder()
                .route("GET", "/fails", (request, path) -> {
                    throw failure;
                })
                .build();

        ApiResponse response = router.handle(new ApiRequest("GET", "/fails", Map.of(), Map.of(), ""));

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void everyKindOfDomainFailureHasItsAnswerHere() {
        assertThat(answers()
                        .<Class<?>>map(arguments -> arguments.get()[0].getClass())
                        .collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(DomainException.class.getPermittedSubclasses()));
    }
}
