package dev.statebacked.instances;

import static org.assertj.core.api.Assertions.assertThat;

import dev.statebacked.engine.PersistedState;
import dev.statebacked.json.Json;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppliedMessageMarkerTest {
    private static final Instant CREATED = Instant.parse("2030-01-15T10:00:00Z");
    private static final Instant APPLIED = CREATED.plusSeconds(90);

    @Test
    void theMarkerOfAnAppliedMessageOutlivesTheQueuesFourteenDayRetentionThenExpires() {
        Instance before = Instance.created(
                "org",
                "toggler",
                "t1",
                "v1",
                PersistedState.fromJson("{\"value\":\"off\",\"context\":{}}"),
                CREATED,
                Optional.empty());
        Instance after = before.withState(before.state(), List.of(), APPLIED);

        List<Write> writes = new InstanceRepository(null, Duration.ofDays(30))
                .transition(
                        before,
                        after,
                        Json.MAPPER.createObjectNode().put("type", "toggle"),
                        Optional.of("m-1"),
                        Optional.empty());

        StoredItem marker = writes.stream()
                .filter(w -> w instanceof Write.PutIfAbsent)
                .map(w -> ((Write.PutIfAbsent) w).item())
                .filter(item -> item.key().sort().equals(InstanceKeys.APPLIED_MESSAGE_PREFIX + "m-1"))
                .findFirst()
                .orElseThrow();
        long expiresAt = Long.parseLong(marker.attributes().get("ttl"));
        assertThat(expiresAt).isEqualTo(APPLIED.plus(Duration.ofDays(15)).getEpochSecond());
        assertThat(Instant.ofEpochSecond(expiresAt)).isAfter(APPLIED.plus(Duration.ofDays(14)));
    }

    @Test
    void aTransitionWithoutAMessageWritesNoMarker() {
        Instance before = Instance.created(
                "org",
                "toggler",
                "t1",
                "v1",
                PersistedState.fromJson("{\"value\":\"off\",\"context\":{}}"),
                CREATED,
                Optional.empty());

        List<Write> writes = new InstanceRepository(null, Duration.ofDays(30))
                .transition(
                        before,
                        before.withState(before.state(), List.of(), APPLIED),
                        Json.MAPPER.createObjectNode(),
                        Optional.empty(),
                        Optional.empty());

        assertThat(writes).noneMatch(w -> w.key().sort().startsWith(InstanceKeys.APPLIED_MESSAGE_PREFIX));
    }
}
