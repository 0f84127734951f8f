package dev.statebacked.instances;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statebacked.engine.PersistedState;
import dev.statebacked.json.Json;
import dev.statebacked.messaging.InstanceAddress;
import dev.statebacked.messaging.Message;
import dev.statebacked.messaging.Messages;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.Page;
import dev.statebacked.store.StoredItem;
import dev.statebacked.store.Write;
import dev.statebacked.timers.PendingTimer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Instances and their histories. Every transition is one transaction: the instance item, conditional on the
 * sequence it was read at, and the history entry numbered by the new sequence, which cannot exist yet.
 *
 * <p>A context may reach 400 KB, DynamoDB's limit for a whole item: an instance whose stored body is larger
 * than {@link #INLINE_BODY_BYTES} keeps only {@code {"chunks": n}} in its item and its body in {@code n} chunk
 * items of the same partition, written in the same transaction and stamped with the instance's sequence; a
 * reader takes the chunks only when every one carries the sequence of the instance item it read.
 */
public final class InstanceRepository {
    static final int INLINE_BODY_BYTES = 300 * 1024;
    static final int CHUNK_BYTES = 256 * 1024;
    private static final int CHUNKED_READ_ATTEMPTS = 20;
    /**
     * How long the marker of an applied message is kept: longer than the work queue's (and dead-letter queue's)
     * 14-day retention, so that any redelivery of the message still finds it. Then DynamoDB's TTL deletes it.
     */
    static final Duration APPLIED_MARKER_LIFETIME = Duration.ofDays(15);

    private final ItemStore store;
    private final Duration historyRetention;

    /**
     * {@code historyRetention}: how long each history entry is kept after its transition, after which DynamoDB's
     * time to live deletes it. Nothing else this repository writes expires but the applied-message markers: the
     * instance item and its state chunks (the latest state, its timers and outbox) and the listing entry stay.
     */
    public InstanceRepository(ItemStore store, Duration historyRetention) {
        if (historyRetention.isNegative() || historyRetention.isZero()) {
            throw new IllegalArgumentException("history retention must be positive, not " + historyRetention);
        }
        this.store = store;
        this.historyRetention = historyRetention;
    }

    public record Transition(Instant at, JsonNode event, JsonNode stateValue) {}

    public record InstanceSummary(String name, Instant createdAt, InstanceStatus status, String versionId) {}

    public record InstancePage(List<InstanceSummary> instances, Optional<String> cursor) {}

    public record HistoryPage(List<Transition> transitions, Optional<String> cursor) {}

    public Optional<Instance> find(String orgId, String machineName, String instanceName) {
        for (int attempt = 0; attempt < CHUNKED_READ_ATTEMPTS; attempt++) {
            Optional<StoredItem> item = store.get(InstanceKeys.instance(orgId, machineName, instanceName));
            if (item.isEmpty()) {
                return Optional.empty();
            }
            JsonNode body = Json.readStored(item.get().body());
            if (!body.has("chunks")) {
                return Optional.of(fromBody(
                        orgId, machineName, instanceName, body, item.get().sequence()));
            }
            Optional<JsonNode> assembled = readChunks(
                    InstanceKeys.partition(orgId, machineName, instanceName),
                    item.get().sequence(),
                    body.path("chunks").asInt());
            if (assembled.isPresent()) {
                return Optional.of(fromBody(
                        orgId,
                        machineName,
                        instanceName,
                        assembled.get(),
                        item.get().sequence()));
            }
            // a transition committed between the two reads: read both again
        }
        throw new IllegalStateException("the state of instance " + instanceName + " kept changing while being read");
    }

    /**
     * The instance an instance item holds after a write that made a new transition, as a table stream delivers the
     * write (the item before, if any, and after). Empty when the item is not an instance's, when the write changed
     * neither the state nor its time (a status, a settle claim), or when the state is in chunks that a later write
     * has replaced already (that write's own record follows). Each body is parsed once.
     */
    public Optional<Instance> newTransition(Optional<StoredItem> before, StoredItem after) {
        Optional<InstanceKeys.StoredInstance> stored = InstanceKeys.instanceOf(after.key());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        JsonNode is = Json.readStored(after.body());
        if (before.isPresent() && !isTransition(Json.readStored(before.get().body()), before.get(), is, after)) {
            return Optional.empty();
        }
        Optional<JsonNode> whole = is.has("chunks")
                ? readChunks(
                        after.key().partition(),
                        after.sequence(),
                        is.path("chunks").asInt())
                : Optional.of(is);
        InstanceAddress address = stored.get().address();
        return whole.map(body ->
                fromBody(stored.get().orgId(), address.machineName(), address.instanceName(), body, after.sequence()));
    }

    private static boolean isTransition(JsonNode was, StoredItem before, JsonNode is, StoredItem after) {
        if (was.has("chunks") || is.has("chunks")) {
            return before.sequence() != after.sequence();
        }
        return was.path("updatedAt").asLong() != is.path("updatedAt").asLong()
                || !was.path("state").equals(is.path("state"));
    }

    /** The writes that create an instance with its initial state: fail if the name is taken. */
    public List<Write> create(Instance instance, JsonNode initialEvent, Optional<String> requestId) {
        List<Write> writes = new ArrayList<>(stateWrites(instance, Write.PutIfAbsent::new));
        writes.add(new Write.PutIfAbsent(listingItem(instance)));
        writes.add(historyWrite(instance, initialEvent, requestId));
        return writes;
    }

    /**
     * The writes of one transition from {@code before} to {@code after}; with {@code messageId}, also the marker
     * that the message was applied, which must not exist yet (so a redelivered message cannot apply twice); with
     * {@code requestId}, the history entry names the API request it was written for.
     */
    public List<Write> transition(
            Instance before, Instance after, JsonNode event, Optional<String> messageId, Optional<String> requestId) {
        List<Write> writes =
                new ArrayList<>(stateWrites(after, item -> new Write.PutIfSequence(item, before.sequence())));
        writes.add(historyWrite(after, event, requestId));
        if (!before.versionId().equals(after.versionId())) {
            // an upgrade: the listing carries the version
            writes.add(new Write.Put(listingItem(after)));
        }
        messageId.ifPresent(id -> writes.add(new Write.PutIfAbsent(StoredItem.of(
                        InstanceKeys.appliedMessage(after.orgId(), after.machineName(), after.name(), id),
                        1,
                        Json.write(Map.of("sequence", after.sequence())))
                .expiringAt(after.updatedAt().plus(APPLIED_MARKER_LIFETIME)))));
        return writes;
    }

    /**
     * Whether a transition was written for the API request {@code requestId}, looking back through the history
     * no further than {@code since} (when the request came): newest first, so this costs a query or two.
     */
    public boolean wroteForRequest(String orgId, InstanceAddress instance, String requestId, Instant since) {
        String partition = InstanceKeys.partition(orgId, instance.machineName(), instance.instanceName());
        Optional<String> cursor = Optional.empty();
        do {
            Page page = store.query(partition, InstanceKeys.HISTORY_PREFIX, 25, cursor, false);
            for (var item : page.items()) {
                JsonNode body = Json.readStored(item.body());
                if (requestId.equals(body.path("request").asText(null))) {
                    return true;
                }
                if (body.path("createdAt").asLong() < since.toEpochMilli()) {
                    return false;
                }
            }
            cursor = page.cursor();
        } while (cursor.isPresent());
        return false;
    }

    /** Whether the message {@code messageId} was applied to the instance already. */
    public boolean applied(String orgId, InstanceAddress instance, String messageId) {
        return store.get(InstanceKeys.appliedMessage(orgId, instance.machineName(), instance.instanceName(), messageId))
                .isPresent();
    }

    /** A change of the instance alone (status, desired version, owed events), conditional on what was read. */
    public List<Write> update(Instance before, Instance after) {
        List<Write> writes =
                new ArrayList<>(stateWrites(after, item -> new Write.PutIfSequence(item, before.sequence())));
        if (before.status() != after.status()) {
            // the listing carries the status so that listing a page needs no read per instance
            writes.add(new Write.Put(listingItem(after)));
        }
        return writes;
    }

    private static StoredItem listingItem(Instance instance) {
        ObjectNode listing = Json.MAPPER
                .createObjectNode()
                .put("createdAt", instance.createdAt().toEpochMilli())
                .put("versionId", instance.versionId())
                .put("status", instance.status().wireName());
        return StoredItem.of(
                InstanceKeys.listing(instance.orgId(), instance.machineName(), instance.name()),
                1,
                Json.write(listing));
    }

    public void commit(List<Write> writes) {
        store.writeAll(writes);
    }

    public InstancePage list(String orgId, String machineName, int limit, Optional<String> cursor) {
        Page page = store.query(InstanceKeys.listingPartition(orgId, machineName), "", limit, cursor, true);
        List<InstanceSummary> summaries = new ArrayList<>();
        for (StoredItem item : page.items()) {
            JsonNode body = Json.readStored(item.body());
            InstanceStatus status =
                    InstanceStatus.fromWireName(body.path("status").asText()).orElse(InstanceStatus.RUNNING);
            summaries.add(new InstanceSummary(
                    item.key().sort(),
                    Instant.ofEpochMilli(body.path("createdAt").asLong()),
                    status,
                    body.path("versionId").asText()));
        }
        return new InstancePage(summaries, page.cursor());
    }

    public HistoryPage history(
            String orgId, String machineName, String instanceName, int limit, Optional<String> cursor) {
        Page page = store.query(
                InstanceKeys.partition(orgId, machineName, instanceName),
                InstanceKeys.HISTORY_PREFIX,
                limit,
                cursor,
                true);
        List<Transition> transitions = page.items().stream()
                .map(item -> {
                    JsonNode body = Json.readStored(item.body());
                    return new Transition(
                            Instant.ofEpochMilli(body.path("createdAt").asLong()),
                            body.get("event"),
                            body.get("state"));
                })
                .toList();
        return new HistoryPage(transitions, page.cursor());
    }

    /** Removes the instance, its listing entry, history and the markers of the messages it applied. */
    public void delete(Instance instance) {
        delete(instance, List.of());
    }

    /**
     * As {@link #delete(Instance)}, with {@code alongside} (the removal of its index entries) in the transaction that
     * deletes the instance item, so they go exactly when it does.
     */
    public void delete(Instance instance, List<Write> alongside) {
        String partition = InstanceKeys.partition(instance.orgId(), instance.machineName(), instance.name());
        List<Write> writes = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page page = store.query(partition, InstanceKeys.HISTORY_PREFIX, 100, cursor, true);
            page.items().forEach(item -> writes.add(new Write.Delete(item.key())));
            cursor = page.cursor();
        } while (cursor.isPresent());
        for (String prefix : List.of(InstanceKeys.STATE_CHUNK_PREFIX, InstanceKeys.APPLIED_MESSAGE_PREFIX)) {
            cursor = Optional.empty();
            do {
                Page page = store.query(partition, prefix, 100, cursor, true);
                page.items().forEach(item -> writes.add(new Write.Delete(item.key())));
                cursor = page.cursor();
            } while (cursor.isPresent());
        }
        writes.add(new Write.Delete(InstanceKeys.listing(instance.orgId(), instance.machineName(), instance.name())));
        // the instance item goes in the last batch, conditional, so a concurrent transition fails the delete
        List<Write> last = new ArrayList<>(alongside);
        last.add(new Write.DeleteIfSequence(
                InstanceKeys.instance(instance.orgId(), instance.machineName(), instance.name()), instance.sequence()));
        int before = Math.max(0, writes.size() - (100 - last.size()));
        for (int from = 0; from < before; from += 100) {
            store.writeAll(writes.subList(from, Math.min(before, from + 100)));
        }
        last.addAll(0, writes.subList(before, writes.size()));
        store.writeAll(last);
    }

    private Write historyWrite(Instance instance, JsonNode event, Optional<String> requestId) {
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("createdAt", instance.updatedAt().toEpochMilli());
        body.set("state", instance.state().value());
        body.set("event", event);
        requestId.ifPresent(id -> body.put("request", id));
        // history is a record for people, not something the instance runs on: nothing reads an entry back to
        // decide anything but wroteForRequest, which looks back minutes, so it may go after the retention
        return new Write.PutIfAbsent(StoredItem.of(
                        InstanceKeys.history(
                                instance.orgId(), instance.machineName(), instance.name(), instance.sequence()),
                        1,
                        Json.write(body))
                .expiringAt(instance.updatedAt().plus(historyRetention)));
    }

    private static List<JsonNode> owedEvents(JsonNode body) {
        List<JsonNode> owed = new ArrayList<>();
        body.path("owedEvents").forEach(owed::add);
        return owed;
    }

    /**
     * The instance item written through {@code condition}, with its body inline when it is small, else in chunk
     * items (unconditional: the instance item's condition guards the transaction they are part of).
     */
    private static List<Write> stateWrites(Instance instance, Function<StoredItem, Write> condition) {
        String body = body(instance);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ItemKey key = InstanceKeys.instance(instance.orgId(), instance.machineName(), instance.name());
        if (bytes.length <= INLINE_BODY_BYTES) {
            return List.of(condition.apply(StoredItem.of(key, instance.sequence(), body)));
        }
        int count = (bytes.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
        List<Write> writes = new ArrayList<>();
        writes.add(condition.apply(StoredItem.of(key, instance.sequence(), Json.write(Map.of("chunks", count)))));
        for (int index = 0; index < count; index++) {
            byte[] chunk =
                    Arrays.copyOfRange(bytes, index * CHUNK_BYTES, Math.min(bytes.length, (index + 1) * CHUNK_BYTES));
            writes.add(new Write.Put(StoredItem.of(
                    InstanceKeys.stateChunk(instance.orgId(), instance.machineName(), instance.name(), index),
                    instance.sequence(),
                    Base64.getEncoder().encodeToString(chunk))));
        }
        return writes;
    }

    /** The body kept in chunks {@code 0..count-1}, if they all belong to {@code sequence}. */
    private Optional<JsonNode> readChunks(String partition, long sequence, int count) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int read = 0;
        Optional<String> cursor = Optional.empty();
        do {
            Page page = store.query(partition, InstanceKeys.STATE_CHUNK_PREFIX, 10, cursor, true);
            for (StoredItem chunk : page.items()) {
                if (read == count) {
                    break; // left over from an earlier, larger state
                }
                if (chunk.sequence() != sequence) {
                    return Optional.empty();
                }
                bytes.writeBytes(Base64.getDecoder().decode(chunk.body()));
                read++;
            }
            cursor = read == count ? Optional.empty() : page.cursor();
        } while (cursor.isPresent());
        return read == count ? Optional.of(Json.readStored(bytes.toString(StandardCharsets.UTF_8))) : Optional.empty();
    }

    private static String body(Instance instance) {
        ObjectNode body = Json.MAPPER
                .createObjectNode()
                .put("versionId", instance.versionId())
                .put("status", instance.status().wireName())
                .put("createdAt", instance.createdAt().toEpochMilli())
                .put("updatedAt", instance.updatedAt().toEpochMilli());
        instance.desiredVersionId().ifPresent(v -> body.put("desiredVersionId", v));
        body.set("state", instance.state().toJson());
        var owed = body.putArray("owedEvents");
        instance.owedEvents().forEach(owed::add);
        body.set("timers", Json.MAPPER.valueToTree(instance.timers()));
        var outbox = body.putArray("outbox");
        instance.outbox().forEach(message -> outbox.add(Messages.toTree(message)));
        instance.parent().ifPresent(parent -> body.set("parent", Json.MAPPER.valueToTree(parent)));
        instance.claim().ifPresent(claim -> body.set("claim", Json.MAPPER.valueToTree(claim)));
        return Json.write(body);
    }

    private static Instance fromBody(
            String orgId, String machineName, String instanceName, JsonNode body, long sequence) {
        Instance.Lifecycle lifecycle = new Instance.Lifecycle(
                body.path("versionId").asText(),
                InstanceStatus.fromWireName(body.path("status").asText()).orElse(InstanceStatus.RUNNING),
                Optional.ofNullable(body.get("desiredVersionId")).map(JsonNode::asText),
                Instant.ofEpochMilli(body.path("createdAt").asLong()),
                Instant.ofEpochMilli(body.path("updatedAt").asLong()));
        return new Instance(
                orgId,
                new InstanceAddress(machineName, instanceName),
                sequence,
                lifecycle,
                PersistedState.fromJson(body.get("state")),
                new Instance.Duties(owedEvents(body), timers(body), outbox(body)),
                Optional.ofNullable(body.get("parent")).map(InstanceRepository::parentLink),
                Optional.ofNullable(body.get("claim")).map(claim -> convert(claim, SettleClaim.class)));
    }

    private static List<PendingTimer> timers(JsonNode body) {
        List<PendingTimer> timers = new ArrayList<>();
        body.path("timers").forEach(timer -> timers.add(convert(timer, PendingTimer.class)));
        return timers;
    }

    private static List<Message> outbox(JsonNode body) {
        List<Message> outbox = new ArrayList<>();
        body.path("outbox").forEach(message -> outbox.add(Messages.fromTree(message)));
        return outbox;
    }

    private static Message.ParentLink parentLink(JsonNode node) {
        return convert(node, Message.ParentLink.class);
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable: " + e.getMessage(), e);
        }
    }
}
