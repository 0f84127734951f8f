package dev.statebacked.instances;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.NodeInterop;
import dev.statebacked.testing.RunningStack;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official @statebacked/client 0.1.37 under Node drives the instance routes of our endpoint. */
class OfficialClientInstancesInteropTest {

    @Test
    void theOfficialClientCreatesAnInstanceSendsEventsAndReadsItsState() {
        Path bundle = NodeInterop.bundle("machine-source.js", "machine-smply.js");
        var credentials = RunningStack.get().credentials();

        NodeInterop.Result result = NodeInterop.node(
                "instances.mjs",
                Map.of(
                        "API_URL", RunningStack.get().apiUrl().toString(),
                        "KEY_ID", credentials.keyId(),
                        "SECRET", credentials.secret(),
                        "MACHINE", Deployments.freshName("interop-instances"),
                        "BUNDLE", bundle.toString()));

        assertThat(result.output())
                .contains(
                        "ok instance created",
                        "ok no context starts from the machine's own",
                        "ok given context laid over the machine's own",
                        "ok event by name",
                        "ok event as object",
                        "ok state read",
                        "ok read refused by allowRead",
                        "ok transitions listed oldest first",
                        "ok instance listed",
                        "ok admin view",
                        "ok paused instance refuses events",
                        "ok resumed instance takes events",
                        "ok deleted instance is not found",
                        "interop done");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
