package dev.statebacked.versions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.NodeInterop;
import dev.statebacked.testing.RunningStack;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Migrations through the official @statebacked/client 0.1.37 under Node: create, desired version, no path. */
class OfficialClientMigrationsInteropTest {
    @Test
    void theOfficialClientCreatesAMigrationAndUpgradesAnInstanceThroughIt() {
        var credentials = RunningStack.get().credentials();

        NodeInterop.Result result = NodeInterop.node(
                "migrations.mjs",
                Map.of(
                        "API_URL", RunningStack.get().apiUrl().toString(),
                        "KEY_ID", credentials.keyId(),
                        "SECRET", credentials.secret(),
                        "MACHINE", Deployments.freshName("migrating"),
                        "FIXTURES",
                                Path.of("target", "test-classes", "machines", "evolving")
                                        .toAbsolutePath()
                                        .toString()));

        assertThat(result.output())
                .contains(
                        "ok migration created",
                        "ok a migration without upgradeContext is refused",
                        "ok upgraded at the next event",
                        "ok no path to a version without migrations",
                        "interop done");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
