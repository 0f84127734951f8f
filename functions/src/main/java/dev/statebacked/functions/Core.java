package dev.statebacked.functions;

import dev.statebacked.auth.AesGcmSecretSealer;
import dev.statebacked.auth.HmacSigner;
import dev.statebacked.auth.KeyCache;
import dev.statebacked.auth.KeyRepository;
import dev.statebacked.auth.MasterKey;
import dev.statebacked.auth.OrgDirectory;
import dev.statebacked.auth.OrgRepository;
import dev.statebacked.auth.SecretSealer;
import dev.statebacked.auth.TokenVerifier;
import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.indexes.InstanceIndexes;
import dev.statebacked.instances.CommitPoint;
import dev.statebacked.instances.InstanceProcessor;
import dev.statebacked.instances.InstanceRepository;
import dev.statebacked.instances.LogSink;
import dev.statebacked.instances.ProcessingOrder;
import dev.statebacked.instances.SettleBudget;
import dev.statebacked.logs.ItemLogSink;
import dev.statebacked.messaging.MessageQueue;
import dev.statebacked.messaging.SqsMessageQueue;
import dev.statebacked.realtime.ApiGatewayConnections;
import dev.statebacked.realtime.ConnectionGateway;
import dev.statebacked.store.DynamoItemStore;
import dev.statebacked.store.ItemStore;
import dev.statebacked.timers.EventBridgeWakeUpScheduler;
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
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** What every function of the service is built on, made once from its environment: the composition of the core. */
final class Core {
    final Settings settings;
    final Clock clock = Clock.systemUTC();
    final AwsClients aws;
    final ItemStore store;
    final byte[] masterKey;
    final MachineRepository machines;
    final VersionRepository versions;
    final ItemBlobStore blobs;
    final CodeUploads uploads;
    final MachineVersions machineVersions;
    final MigrationRepository migrationRecords;
    final Migrations migrations;
    final InstanceRepository instances;
    final MessageQueue queue;
    final TimerWakeUps wakeUps;
    final InstanceProcessor processor;
    /** Where machine code's console output goes. */
    final LogSink logs;

    final SecretSealer sealer;
    final KeyRepository keys;
    final KeyCache keyCache;
    final OrgRepository orgRepository;
    /** Which org a request acts in: the key's own, or one its org administers. */
    final OrgDirectory orgs;
    /** Verifies the service's tokens: audience the official API's or this deployment's own URL. */
    final TokenVerifier tokens;

    final MachineEngine engine;
    private final ProcessingOrder order;
    private final java.time.Duration priming;

    /**
     * How long the JS engine runs transitions before a SnapStart snapshot, so that its hot code is compiled in the
     * snapshot; at 0 it still loads and makes a first transition.
     */
    static final String PRIMING_SECONDS = "STATEBACKED_PRIMING_SECONDS";

    /** What every function's first request would pay for: the engine's warm-up, a table read through the SDK. */
    void prime() {
        engine.warmUp(priming);
        instances.find("org_priming", "priming", "priming");
    }

    /** The WebSocket API's connections, for the real-time functions (their environment names its endpoint). */
    ConnectionGateway webSocketConnections() {
        return new ApiGatewayConnections(aws.webSocketConnections(settings.webSocketEndpoint()));
    }

    /** After a SnapStart restore: what must differ between environments restored from one snapshot. */
    void afterRestore() {
        order.renewOwner();
    }

    /** {@code timerClock}: the time timers are due by (the system clock, except in tests that move time). */
    Core(Map<String, String> environment, MachineEngine engine, Clock timerClock) {
        settings = Settings.fromEnvironment(environment);
        aws = new AwsClients(environment);
        store = new DynamoItemStore(aws.dynamoDb(), settings.tableName());
        // read once, at init: on Lambda with SnapStart, before the snapshot
        masterKey = MasterKey.read(aws.secretsManager(), settings.masterKeySecretArn())
                .bytes();
        machines = new MachineRepository(store);
        versions = new VersionRepository(store);
        blobs = new ItemBlobStore(store);
        uploads = new CodeUploads(new HmacSigner(masterKey, "code-upload-policy"), blobs, clock);
        machineVersions = new MachineVersions(
                machines,
                versions,
                new VersionIds(new HmacSigner(masterKey, "machine-version-id")),
                uploads,
                blobs,
                new EngineCodeValidator(engine),
                store,
                clock);
        migrationRecords = new MigrationRepository(store);
        migrations = new Migrations(
                machines,
                versions,
                migrationRecords,
                new VersionIds(new HmacSigner(masterKey, "machine-version-migration-id")),
                uploads,
                blobs,
                new EngineCodeValidator(engine),
                store,
                clock);
        instances = new InstanceRepository(store, settings.historyRetention());
        queue = new SqsMessageQueue(aws.sqs(), settings.queueUrl());
        wakeUps = new TimerWakeUps(queue, EventBridgeWakeUpScheduler.of(aws, settings), timerClock);
        SettleBudget budget = SettleBudget.fromEnvironment(environment);
        this.engine = engine;
        this.order = new ProcessingOrder(instances, clock, ProcessingOrder.CLAIM_DURATION);
        this.priming = java.time.Duration.ofSeconds(Long.parseLong(environment.getOrDefault(PRIMING_SECONDS, "0")));
        logs = new ItemLogSink(store, clock, settings.logRetention());
        CommitPoint commits = new CommitPoint(
                instances,
                wakeUps,
                queue,
                logs,
                clock,
                order.claimDuration(),
                List.of(),
                new InstanceIndexes(versions));
        processor = new InstanceProcessor(
                instances, machines, machineVersions, engine, order, commits, logs, budget, clock, wakeUps, migrations);
        sealer = new AesGcmSecretSealer(masterKey);
        keys = new KeyRepository(store, sealer, clock);
        keyCache = new KeyCache(keys, clock);
        orgRepository = new OrgRepository(store, clock);
        orgs = new OrgDirectory(orgRepository, clock);
        tokens = new TokenVerifier(keyCache, settings.apiUrl().stream().toList(), clock);
    }
}
