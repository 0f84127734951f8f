package dev.statebacked.functions;

import dev.statebacked.auth.HmacSigner;
import dev.statebacked.auth.MasterKey;
import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.instances.InstanceProcessor;
import dev.statebacked.instances.InstanceRepository;
import dev.statebacked.instances.ItemLogSink;
import dev.statebacked.instances.ProcessingLease;
import dev.statebacked.instances.SettleBudget;
import dev.statebacked.messaging.MessageQueue;
import dev.statebacked.messaging.SqsMessageQueue;
import dev.statebacked.store.DynamoItemStore;
import dev.statebacked.store.ItemStore;
import dev.statebacked.timers.EventBridgeWakeUpScheduler;
import dev.statebacked.timers.TimerWakeUps;
import dev.statebacked.versions.CodeUploads;
import dev.statebacked.versions.EngineCodeValidator;
import dev.statebacked.versions.ItemBlobStore;
import dev.statebacked.versions.MachineRepository;
import dev.statebacked.versions.MachineVersions;
import dev.statebacked.versions.VersionIds;
import dev.statebacked.versions.VersionRepository;
import java.time.Clock;
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
    final InstanceRepository instances;
    final MessageQueue queue;
    final TimerWakeUps wakeUps;
    final InstanceProcessor processor;

    /** {@code timerClock}: the time timers are due by (the system clock, except in tests that move time). */
    Core(Map<String, String> environment, MachineEngine engine, Clock timerClock) {
        settings = Settings.fromEnvironment(environment);
        aws = new AwsClients(environment);
        store = new DynamoItemStore(aws.dynamoDb(), settings.tableName());
        // read once, at init: on Lambda with SnapStart, before the snapshot
        masterKey = MasterKey.read(aws.secretsManager(), settings.masterKeySecretArn()).bytes();
        machines = new MachineRepository(store);
        versions = new VersionRepository(store);
        blobs = new ItemBlobStore(store);
        uploads = new CodeUploads(new HmacSigner(masterKey, "code-upload-policy"), blobs, clock);
        machineVersions = new MachineVersions(machines, versions,
                new VersionIds(new HmacSigner(masterKey, "machine-version-id")), uploads, blobs,
                new EngineCodeValidator(engine), store, clock);
        instances = new InstanceRepository(store);
        queue = new SqsMessageQueue(aws.sqs(), settings.queueUrl());
        wakeUps = new TimerWakeUps(queue, new EventBridgeWakeUpScheduler(aws.scheduler(), settings.scheduleGroup(),
                settings.queueArn(), settings.schedulerRoleArn()), timerClock);
        SettleBudget budget = SettleBudget.fromEnvironment(environment);
        processor = new InstanceProcessor(instances, machines, machineVersions, engine,
                new ProcessingLease(store, clock, budget.lease()), new ItemLogSink(store), budget, clock, queue, wakeUps);
    }
}
