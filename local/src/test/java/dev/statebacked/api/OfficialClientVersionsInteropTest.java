package dev.statebacked.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.testing.NodeInterop;
import dev.statebacked.testing.RunningStack;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official @statebacked/client 0.1.37 and @statebacked/token, under Node, against our endpoint. */
class OfficialClientVersionsInteropTest {

    @Test
    void theOfficialClientCreatesAMachineUploadsAVersionAndGetsTheDocumentedErrors() {
        Path bundle = NodeInterop.bundle("machine-source.js", "machine-smply.js");
        var credentials = RunningStack.get().credentials();

        NodeInterop.Result result = NodeInterop.node(
                "versions.mjs",
                Map.of(
                        "API_URL", RunningStack.get().apiUrl().toString(),
                        "KEY_ID", credentials.keyId(),
                        "SECRET", credentials.secret(),
                        "MACHINE", MachinesTest.freshName("interop"),
                        "BUNDLE", bundle.toString()));

        assertThat(result.output())
                .contains(
                        "ok version created",
                        "ok version listed",
                        "ok machine listed",
                        "ok bad name rejected",
                        "ok duplicate rejected",
                        "ok absent machine not found",
                        "ok bad signature unauthorized",
                        "interop done");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
