package dev.statebacked.instances;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.testing.Deployments;
import dev.statebacked.testing.NodeInterop;
import dev.statebacked.testing.RunningStack;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real app end to end through @statebacked/client 0.1.37: a two-player game created with only player 1's id
 * (the rest of its context is the machine's own), player ids hashed with crypto.subtle in invoked promises that
 * settle within the request, moves guarded by turn in allowWrite, played to a win.
 */
class TwoPlayerGameOverTheOfficialClientTest {

    @Test
    void twoPlayersPlayAGameToAWinThroughTheOfficialClient() {
        Path bundle = NodeInterop.bundle("game-source.js", "game-smply.js");
        var credentials = RunningStack.get().credentials();

        NodeInterop.Result result = NodeInterop.node(
                "game.mjs",
                Map.of(
                        "API_URL", RunningStack.get().apiUrl().toString(),
                        "KEY_ID", credentials.keyId(),
                        "SECRET", credentials.secret(),
                        "MACHINE", Deployments.freshName("tic-tac-toe"),
                        "BUNDLE", bundle.toString()));

        assertThat(result.output())
                .contains(
                        "ok created with the machine's own board beside the given id",
                        "ok player 1's id hashed by crypto.subtle while the creation settled",
                        "ok player 2 joins and is hashed",
                        "ok a move out of turn is refused by allowWrite",
                        "ok X wins on the top row",
                        "game done");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
