package dev.statebacked.instances;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statebacked.auth.Caller;
import dev.statebacked.auth.HmacSigner;
import dev.statebacked.engine.Engines;
import dev.statebacked.engine.LogRecord;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.json.Json;
import dev.statebacked.messaging.InMemoryMessageQueue;
import dev.statebacked.store.ForwardingItemStore;
import dev.statebacked.store.InMemoryItemStore;
import dev.statebacked.store.ItemKey;
import dev.statebacked.store.ItemStore;
import dev.statebacked.store.StoredItem;
import dev.statebacked.testing.ManualClock;
import dev.statebacked.timers.InMemoryWakeUpScheduler;
import dev.statebacked.timers.TimerWakeUps;
import dev.statebacked.versions.CodeUploads;
import dev.statebacked.versions.EngineCodeValidator;
import dev.statebacked.versions.ItemBlobStore;
import dev.statebacked.versions.MachineRepository;
import dev.statebacked.versions.MachineVersions;
import dev.statebacked.versions.MigrationRepository;
import dev.statebacked.versions.Migrations;
import dev.statebacked.versions.VersionIds;
import dev.statebacked.versions.VersionRepository;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Processes of the service on in-memory ports, all on one store, queue, scheduler and manual clock: each
 * {@link Process} has its own processing order (so its own claim owner), commit point, machine versions and processor,
 * as two Lambda environments would. Machines are deployed the way the API does it (reserve, upload, finalize).
 */
final class InMemoryProcesses {
    static final String ORG = "org_processes";
    static final Caller CALLER =
            new Caller(ORG, "key_test", Set.of(), Json.MAPPER.createObjectNode().put("sub", "tester"));
    /** How long a test waits for a background thread, a gate or a latch before it fails. */
    static final Duration BOUND = Duration.ofSeconds(30);
    /** A machine that counts its {@code inc} events and notes who sent each ({@code by}). */
    static final String COUNTER = """
            import { createMachine, assign } from "xstate";

            export const allowRead = () => true;
            export const allowWrite = () => true;

            export default createMachine({
              id: "counter",
              predictableActionArguments: true,
              initial: "counting",
              context: { public: { count: 0, by: [] } },
              states: {
                counting: {
                  on: {
                    inc: { actions: assign({ public: (ctx, e) => ({ count: ctx.public.count + 1, by: [...ctx.public.by, e.by] }) }) },
                  },
                },
              },
            });
            """;

    private static final byte[] MASTER_KEY =
            "the master key of the in-memory processes".getBytes(StandardCharsets.UTF_8);
    private static final MachineEngine ENGINE = Engines.SHARED;

    final ManualClock clock = new ManualClock();
    final InMemoryItemStore store = new InMemoryItemStore();
    final InMemoryMessageQueue queue = new InMemoryMessageQueue(clock);
    final InMemoryWakeUpScheduler scheduler = new InMemoryWakeUpScheduler(clock);
    final InstanceRepository instances = new InstanceRepository(store, java.time.Duration.ofDays(30));
    /** Every write of an instance, by any process, in the order they landed (from a post-commit hook). */
    final List<Written> written = Collections.synchronizedList(new ArrayList<>());
    /** What machine code and the processors logged, by any process. */
    final List<LogRecord> logs = Collections.synchronizedList(new ArrayList<>());

    private final CountingReads reads = new CountingReads(store);
    private final MachineRepository machines = new MachineRepository(store);
    private final ItemBlobStore blobs = new ItemBlobStore(store);
    private final MachineVersions deployer = machineVersions();

    /** The index writes of the processes made from now on (none unless a test sets them). */
    IndexWrites indexWrites = IndexWrites.NONE;

    /** One process of the service: what {@code Core} composes, on this fixture's ports. */
    record Process(InstanceProcessor processor, ProcessingOrder order, CommitPoint commits) {}

    /** One write of an instance, as the post-commit stage saw it. */
    record Written(Optional<Instance> before, Optional<Instance> after, Change change) {
        String eventType() {
            return change instanceof Change.Transitioned t
                    ? t.event().path("type").asText()
                    : "";
        }
    }

    /** A process with the default budget (90 s) and claim duration (10 s). */
    Process process() {
        return process(SettleBudget.fromEnvironment(Map.of()), ProcessingOrder.CLAIM_DURATION);
    }

    Process process(SettleBudget budget, Duration claimDuration, PostCommit... hooks) {
        // read through the counting store, as a test may wait for a process to be waiting (reading again)
        InstanceRepository repository = new InstanceRepository(reads, java.time.Duration.ofDays(30));
        TimerWakeUps wakeUps = new TimerWakeUps(queue, scheduler, clock);
        ProcessingOrder order = new ProcessingOrder(repository, clock, claimDuration);
        List<PostCommit> allHooks = new ArrayList<>();
        allHooks.add((before, after, change) -> written.add(new Written(before, after, change)));
        allHooks.addAll(List.of(hooks));
        LogSink sink = (orgId, machineName, versionId, instanceName, records) -> logs.addAll(records);
        CommitPoint commits =
                new CommitPoint(repository, wakeUps, queue, sink, clock, claimDuration, allHooks, indexWrites);
        InstanceProcessor processor = new InstanceProcessor(
                repository,
                new MachineRepository(reads),
                machineVersions(),
                ENGINE,
                order,
                commits,
                sink,
                budget,
                clock,
                wakeUps,
                migrations());
        return new Process(processor, order, commits);
    }

    private MachineVersions machineVersions() {
        return new MachineVersions(
                new MachineRepository(store),
                new VersionRepository(store),
                new VersionIds(new HmacSigner(MASTER_KEY, "machine-version-id")),
                new CodeUploads(new HmacSigner(MASTER_KEY, "code-upload-policy"), blobs, clock),
                blobs,
                new EngineCodeValidator(ENGINE),
                store,
                clock);
    }

    private Migrations migrations() {
        return new Migrations(
                new MachineRepository(store),
                new VersionRepository(store),
                new MigrationRepository(store),
                new VersionIds(new HmacSigner(MASTER_KEY, "machine-version-migration-id")),
                new CodeUploads(new HmacSigner(MASTER_KEY, "code-upload-policy"), blobs, clock),
                blobs,
                new EngineCodeValidator(ENGINE),
                store,
                clock);
    }

    /** Creates the machine and makes {@code code} its current version, as the API's three steps do. */
    void deploy(String machineName, String code) {
        assertThat(machines.create(ORG, machineName, List.of(), clock.instant()))
                .isTrue();
        MachineVersions.Reservation reservation = deployer.reserve(ORG, machineName, false, "http://localhost");
        blobs.put(reservation.form().fields().get("key"), code.getBytes(StandardCharsets.UTF_8));
        deployer.finalize(
                ORG,
                machineName,
                reservation.signedVersionId(),
                new MachineVersions.Finalization(Optional.empty(), true, Map.of()));
    }

    InstanceState create(Process process, String machineName, String instanceName) {
        return process.processor()
                .create(ORG, CALLER.authContext(), machineName, instanceName, null, Optional.empty(), Optional.empty());
    }

    InstanceState send(Process process, String machineName, String instanceName, JsonNode event) {
        return process.processor().send(ORG, CALLER.authContext(), machineName, instanceName, event, Optional.empty());
    }

    Instance instance(String machineName, String instanceName) {
        return instances.find(ORG, machineName, instanceName).orElseThrow();
    }

    /** The instance's history, oldest first. */
    List<InstanceRepository.Transition> history(String machineName, String instanceName) {
        List<InstanceRepository.Transition> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            InstanceRepository.HistoryPage page = instances.history(ORG, machineName, instanceName, 100, cursor);
            all.addAll(page.transitions());
            cursor = page.cursor();
        } while (cursor.isPresent());
        return all;
    }

    /** The types of the events in the instance's history, oldest first. */
    List<String> eventTypes(String machineName, String instanceName) {
        return history(machineName, instanceName).stream()
                .map(t -> t.event().path("type").asText())
                .toList();
    }

    /** How often a process read the instance item so far. */
    int reads(String machineName, String instanceName) {
        return reads.of(InstanceKeys.instance(ORG, machineName, instanceName));
    }

    static JsonNode event(String type) {
        return Json.MAPPER.createObjectNode().put("type", type);
    }

    /** An event from JSON with single quotes for double ones. */
    static JsonNode json(String json) {
        return Json.readStored(json.replace('\'', '"'));
    }

    /** Runs {@code work} on a thread of its own (a request of another caller). */
    static <T> CompletableFuture<T> inBackground(String name, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The result of background work, waiting at most {@link #BOUND}; its failure is thrown as it was. */
    static <T> T await(CompletableFuture<T> work) {
        try {
            return work.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("background work did not end within " + BOUND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls {@code condition} until it holds, at most {@link #BOUND}. */
    static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + BOUND + ": " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** The store as the processes see it, counting the reads of each item. */
    private static final class CountingReads extends ForwardingItemStore {
        private final Map<ItemKey, AtomicInteger> counts = new ConcurrentHashMap<>();

        CountingReads(ItemStore store) {
            super(store);
        }

        int of(ItemKey key) {
            AtomicInteger count = counts.get(key);
            return count == null ? 0 : count.get();
        }

        @Override
        public Optional<StoredItem> get(ItemKey key) {
            counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return super.get(key);
        }
    }
}
