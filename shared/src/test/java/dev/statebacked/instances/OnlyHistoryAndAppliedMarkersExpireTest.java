package dev.statebacked.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.engine.PersistedState;
import dev.statebacked.json.Json;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import dev.statebacked.timers.PendingTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Of everything an instance's writes put in the table, only its history entries (after the history retention) and
 * the markers of applied messages carry a time to live: the state, its chunks, its timers and outbox (in the state
 * item) and its listing entry never expire.
 */
class OnlyHistoryAndAppliedMarkersExpireTest {
    private static final Instant CREATED = Instant.parse("2030-01-15T10:00:00Z");
    private static final Instant MOVED = CREATED.plusSeconds(600);
    private static final Duration RETENTION = Duration.ofDays(3);

    private final InstanceRepository repository = new InstanceRepository(null, RETENTION);

    @Test
    void aCreatedInstancesHistoryEntryExpiresAfterTheRetentionAndNothingElseItWritesDoes() {
        List<StoredItem> items = items(repository.create(pendingWork(), event("start"), Optional.of("req-1")));

        assertThat(items).anyMatch(item -> item.key().sort().equals(InstanceKeys.STATE));
        assertThat(items).anyMatch(item -> item.key().sort().startsWith(InstanceKeys.STATE_CHUNK_PREFIX));
        assertThat(expiryOf(history(items))).isEqualTo(CREATED.plus(RETENTION));
        assertThat(items)
                .filteredOn(item -> !item.key().sort().startsWith(InstanceKeys.HISTORY_PREFIX))
                .isNotEmpty()
                .allSatisfy(item -> assertThat(item.attributes()).doesNotContainKey("ttl"));
    }

    @Test
    void aTransitionsHistoryEntryExpiresRetentionAfterTheTransitionAndItsStateNever() {
        Instance before = pendingWork();
        Instance after = before.withState(before.state(), List.of(), MOVED);

        List<StoredItem> items =
                items(repository.transition(before, after, event("next"), Optional.of("message-1"), Optional.empty()));

        assertThat(expiryOf(history(items))).isEqualTo(MOVED.plus(RETENTION));
        assertThat(items)
                .filteredOn(item -> item.key().sort().equals(InstanceKeys.STATE)
                        || item.key().sort().startsWith(InstanceKeys.STATE_CHUNK_PREFIX))
                .hasSizeGreaterThan(1)
                .allSatisfy(item -> assertThat(item.attributes()).doesNotContainKey("ttl"));
        // the marker a redelivered message is checked against expires too, but on its own schedule
        assertThat(items)
                .filteredOn(item -> item.key().sort().startsWith(InstanceKeys.APPLIED_MESSAGE_PREFIX))
                .singleElement()
                .satisfies(marker ->
                        assertThat(expiryOf(marker)).isEqualTo(MOVED.plus(InstanceRepository.APPLIED_MARKER_LIFETIME)));
    }

    @Test
    void aChangeOfStatusWritesNothingThatExpires() {
        Instance before = pendingWork();

        List<StoredItem> items = items(repository.update(before, before.withStatus(InstanceStatus.PAUSED)));

        assertThat(items)
                .isNotEmpty()
                .allSatisfy(item -> assertThat(item.attributes()).doesNotContainKey("ttl"));
    }

    @Test
    void aRetentionOfNothingIsRefused() {
        assertThatThrownBy(() -> new InstanceRepository(null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** An instance whose state is chunked, with a timer pending and a message in its outbox. */
    private static Instance pendingWork() {
        String padding = "x".repeat(InstanceRepository.INLINE_BODY_BYTES + 1024);
        Instance created = Instance.created(
                "org",
                "waiter",
                "w1",
                "v1",
                PersistedState.fromJson("{\"value\":\"waiting\",\"context\":{\"padding\":\"" + padding + "\"}}"),
                CREATED,
                Optional.empty());
        PendingTimer timer = new PendingTimer(
                "timer-1", "wake", CREATED.plus(Duration.ofDays(90)).toEpochMilli(), null, event("wake"), true);
        Message outgoing = new Message.Event(
                "message-out",
                "org",
                new InstanceAddress("other", "o1"),
                new InstanceAddress("waiter", "w1"),
                event("hello"));
        return created.withTimers(List.of(timer)).withOutbox(List.of(outgoing));
    }

    private static JsonNode event(String type) {
        return Json.MAPPER.createObjectNode().put("type", type);
    }

    private static StoredItem history(List<StoredItem> items) {
        return items.stream()
                .filter(item -> item.key().sort().startsWith(InstanceKeys.HISTORY_PREFIX))
                .findFirst()
                .orElseThrow();
    }

    private static Instant expiryOf(StoredItem item) {
        return Instant.ofEpochSecond(Long.parseLong(item.attributes().get("ttl")));
    }

    private static List<StoredItem> items(List<Write> writes) {
        return writes.stream()
                .map(write -> switch (write) {
                    case Write.Put put -> put.item();
                    case Write.PutIfAbsent put -> put.item();
                    case Write.PutIfSequence put -> put.item();
                    default -> null;
                })
                .filter(java.util.Objects::nonNull)
                .toList();
    }
}
