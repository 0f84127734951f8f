package dev.statebacked.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `statebacked local` refuses what it cannot do with one line and exit code 1, not a stack trace. */
class LocalCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBusyPortIsOneLineAndExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run("local", "--port", String.valueOf(taken.getLocalPort()), "--data-dir", dir.toString());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr().strip())
                    .isEqualTo("statebacked local: port " + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenIsOneLineAndExitCodeOne() throws Exception {
        Path file = Files.createFile(dir.resolve("not-a-directory"));

        Result result =
                run("local", "--port", "0", "--data-dir", file.resolve("data").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().strip())
                .startsWith("statebacked local: cannot create data directory")
                .doesNotContain("\n");
    }

    @Test
    void retentionOptionsSetTheFunctionsEnvironmentAsTheTemplatesParametersDo() {
        LocalCommand command = new LocalCommand();
        new CommandLine(command).parseArgs("--history-retention-days", "3", "--log-retention-days", "1");

        assertThat(command.settings())
                .containsEntry("STATEBACKED_HISTORY_RETENTION_DAYS", "3")
                .containsEntry("STATEBACKED_LOG_RETENTION_DAYS", "1");
    }

    @Test
    void withoutRetentionOptionsTheTemplatesDefaultsApply() {
        LocalCommand command = new LocalCommand();
        new CommandLine(command).parseArgs();

        assertThat(command.settings())
                .doesNotContainKeys("STATEBACKED_HISTORY_RETENTION_DAYS", "STATEBACKED_LOG_RETENTION_DAYS");
    }

    @Test
    void aRetentionOfNoDaysIsOneLineAndExitCodeOne() {
        Result result = run("local", "--port", "0", "--data-dir", dir.toString(), "--history-retention-days", "0");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().strip())
                .isEqualTo("statebacked local: --history-retention-days must be a whole number of days from 1 to "
                        + "36500, not 0");
    }

    private record Result(int exitCode, String stderr) {}

    private static Result run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Result(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
