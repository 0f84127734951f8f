package dev.statebacked.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.engine.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateMigrationTest {
    @Test
    void eachActiveParallelRegionHasOneLeafPath() {
        assertThat(StateMigration.leafPaths(Json.parse("\"idle\""))).containsExactly(List.of("idle"));
        assertThat(StateMigration.leafPaths(
                        Json.parse("{\"working\":{\"light\":\"green\",\"door\":{\"open\":\"wide\"}}}")))
                .containsExactly(List.of("working", "light", "green"), List.of("working", "door", "open", "wide"));
    }

    @Test
    void whatEachStateBelowTheRootRemembersIsAPathWithItsDepth() {
        var history = Json.parse("{\"current\":\"outside\",\"states\":{"
                + "\"menu\":{\"current\":\"b\",\"states\":{}},"
                + "\"outside\":{\"current\":{\"x\":\"y\"},\"states\":{\"x\":{\"current\":\"y\",\"states\":{}}}}}}");

        assertThat(StateMigration.historyPaths(history))
                .containsExactly(
                        new StateMigration.HistoryPath(1, List.of("menu", "b")),
                        new StateMigration.HistoryPath(1, List.of("outside", "x", "y")),
                        new StateMigration.HistoryPath(2, List.of("outside", "x", "y")));
        assertThat(StateMigration.historyPaths(Json.parse("null"))).isEmpty();
    }
}
