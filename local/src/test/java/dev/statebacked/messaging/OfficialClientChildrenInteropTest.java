package dev.statebacked.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.testing.NodeInterop;
import dev.statebacked.testing.RunningStack;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official @statebacked/client 0.1.37 under Node, with smply-style bundles (their own @statebacked/machine
 * 0.6.0 and xstate inlined): the parent/child example of seeds/child-instances.md and an `after` timer.
 */
class OfficialClientChildrenInteropTest {

    @Test
    void theChildInstancesExampleAndAnAfterTimerWorkThroughTheOfficialClient() {
        var credentials = RunningStack.get().credentials();
        NodeInterop.Result result = NodeInterop.node(
                "children.mjs",
                Map.of(
                        "API_URL", RunningStack.get().apiUrl().toString(),
                        "KEY_ID", credentials.keyId(),
                        "SECRET", credentials.secret(),
                        "PARENT_BUNDLE",
                                NodeInterop.bundle("parent-source.js", "parent-smply.js")
                                        .toString(),
                        "CHILD_BUNDLE",
                                NodeInterop.bundle("child-source.js", "child-smply.js")
                                        .toString(),
                        "AFTER_BUNDLE",
                                NodeInterop.bundle("after-source.js", "after-smply.js")
                                        .toString()));

        assertThat(result.output())
                .contains(
                        "ok after: the timer fired",
                        "ok children: both children said hi",
                        "ok children: two persistent child instances",
                        "ok children: a user is not the parent",
                        "interop done");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
