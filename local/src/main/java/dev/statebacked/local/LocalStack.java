package dev.statebacked.local;

import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.engine.EngineSettings;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.functions.ApiHandler;
import dev.statebacked.functions.ProcessorHandler;
import dev.statebacked.functions.QueueWorkerHandler;
import dev.statebacked.functions.RealtimeHandler;
import dev.statebacked.functions.UpdateFanoutHandler;
import dev.statebacked.local.dynamodb.DynamoDbEmulator;
import dev.statebacked.local.dynamodb.EmulatorClock;
import dev.statebacked.local.gateway.Gateway;
import dev.statebacked.local.gateway.LocalLambdaContext;
import dev.statebacked.local.lambda.LambdaInvokeApi;
import dev.statebacked.local.scheduler.SchedulerEmulator;
import dev.statebacked.local.secrets.SecretsManagerEmulator;
import dev.statebacked.local.sqs.SqsEmulator;
import dev.statebacked.local.sqs.SqsEventSourcePoller;
import dev.statebacked.local.streams.DynamoDbStreamPoller;
import dev.statebacked.local.template.LocalResources;
import dev.statebacked.local.template.SamTemplate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The whole service in one JVM: DynamoDB, SQS, EventBridge Scheduler and Secrets Manager emulators persisted
 * in a data directory, the resources of template.yaml created on them, the API function behind a local API Gateway,
 * and pollers playing the queue's event source mapping. The handlers are the Lambda classes themselves,
 * configured with the environment the template gives them.
 */
public final class LocalStack implements AutoCloseable {
    public static final String API_FUNCTION = "ApiFunction";
    public static final String QUEUE_WORKER_FUNCTION = "QueueWorkerFunction";
    public static final String PROCESSOR_FUNCTION = "ProcessorFunction";
    public static final String REALTIME_FUNCTION = "RealtimeFunction";
    public static final String FANOUT_FUNCTION = "UpdateFanoutFunction";
    /** Where clients open real-time connections, on the API's own port (as one host serves both on AWS). */
    public static final String REALTIME_PATH = "/rt";
    /** The template's secret that the master key is derived from; its local value is kept in {@code DIR/master.key}. */
    public static final String MASTER_KEY_SECRET = "MasterKeySecret";

    /**
     * Batches of the work queue in the worker at once: Lambda scales the worker out, one process plays several.
     * A batch holding a timer waits out its last second, so this bounds timers in flight more than it does CPU.
     */
    private static final int WORKER_CONCURRENCY = 16;

    private static final java.time.Duration STREAM_IDLE_PAUSE = java.time.Duration.ofMillis(200);

    private final Deque<AutoCloseable> started;
    private final URI apiUrl;
    private final LocalCredentials credentials;
    private final Map<String, Map<String, String>> environments;
    private final StackFile stackFile;
    private final DynamoDbEmulator dynamoDb;

    private LocalStack(
            Deque<AutoCloseable> started,
            URI apiUrl,
            LocalCredentials credentials,
            Map<String, Map<String, String>> environments,
            StackFile stackFile,
            DynamoDbEmulator dynamoDb) {
        this.started = started;
        this.dynamoDb = dynamoDb;
        this.apiUrl = apiUrl;
        this.credentials = credentials;
        this.environments = environments;
        this.stackFile = stackFile;
    }

    /**
     * {@code port} 0 lets the stack pick a free one; {@code clock} is the time timers are due by (the scheduler
     * emulator's and the functions' timer clock, so a test can move it); {@code settings} override the functions'
     * environment (for example {@code STATEBACKED_SETTLE_BUDGET_SECONDS}), as a deploy's environment variables would.
     */
    public record Options(int port, Path dataDir, Clock clock, Map<String, String> settings, Functions functions) {
        public Options(int port, Path dataDir) {
            this(port, dataDir, Clock.systemUTC(), Map.of(), Functions.inProcess());
        }

        public Options withSettings(Map<String, String> overrides) {
            return new Options(port, dataDir, clock, Map.copyOf(overrides), functions);
        }

        public Options withFunctions(Functions how) {
            return new Options(port, dataDir, clock, settings, how);
        }
    }

    /** How the stack runs the template's functions. */
    public sealed interface Functions {
        /** The handler classes called in this JVM, sharing one JS engine: fast to start, for development. */
        record InProcess() implements Functions {}

        /**
         * Each function from the deployment artifact, in JVMs of its own under the official runtime interface
         * client, at most {@code maxConcurrency} execution environments per function; the timer clock is then
         * the system's.
         */
        record Lambda(Path artifact, int maxConcurrency) implements Functions {}

        public static Functions inProcess() {
            return new InProcess();
        }
    }

    public static LocalStack start(Options options) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            return start(options, started);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    private static LocalStack start(Options options, Deque<AutoCloseable> started) {
        DataDirectory dataDir = DataDirectory.open(options.dataDir());
        started.push(dataDir);
        HeldPort heldPort = HeldPort.hold(options.port());
        started.push(heldPort);
        int port = heldPort.port();

        DynamoDbEmulator dynamoDb = DynamoDbEmulator.start(dataDir.serviceDirectory("dynamodb"), 0);
        started.push(dynamoDb);
        SqsEmulator sqs = SqsEmulator.start(dataDir.serviceDirectory("sqs"), 0);
        started.push(sqs);
        SchedulerEmulator scheduler =
                SchedulerEmulator.start(dataDir.serviceDirectory("scheduler"), 0, sqs.endpoint(), options.clock());
        started.push(scheduler);
        SecretsManagerEmulator secretsManager =
                SecretsManagerEmulator.start(dataDir.serviceDirectory("secretsmanager"), 0);
        started.push(secretsManager);
        LambdaInvokeApi lambdaService = LambdaInvokeApi.start();
        started.push(lambdaService);

        // what an AWS account gives a function implicitly, made explicit for the emulators
        Map<String, String> account = Map.of(
                "AWS_REGION", LocalResources.REGION,
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString(),
                "AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString(),
                "AWS_ENDPOINT_URL_SCHEDULER", scheduler.endpoint().toString(),
                "AWS_ENDPOINT_URL_LAMBDA", lambdaService.endpoint().toString(),
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint().toString());
        String apiUrl = "http://127.0.0.1:" + port;
        LocalResources resources;
        try (AwsClients aws = new AwsClients(account)) {
            resources = LocalResources.provision(
                    SamTemplate.packaged(),
                    Map.of(),
                    Map.of(MASTER_KEY_SECRET, MasterKeyFile.readOrCreate(dataDir.root())),
                    aws);
        }
        Map<String, String> apiEnvironment = environment(account, resources, API_FUNCTION, apiUrl, options.settings());
        var stored = LocalCredentials.read(dataDir.root());
        LocalCredentials credentials =
                stored.orElseGet(() -> bootstrapAdmin(apiEnvironment, apiUrl)).withApiUrl(apiUrl);
        if (!stored.equals(java.util.Optional.of(credentials))) {
            credentials.write(dataDir.root());
        }

        // the gateway serves the WebSocket API's management endpoint on the API's port
        Map<String, String> realtimeSettings = new HashMap<>(options.settings());
        realtimeSettings.putIfAbsent(Settings.WEBSOCKET_ENDPOINT, apiUrl);
        Map<String, Map<String, String>> environments = Map.of(
                API_FUNCTION,
                apiEnvironment,
                QUEUE_WORKER_FUNCTION,
                environment(account, resources, QUEUE_WORKER_FUNCTION, apiUrl, options.settings()),
                PROCESSOR_FUNCTION,
                environment(account, resources, PROCESSOR_FUNCTION, apiUrl, options.settings()),
                REALTIME_FUNCTION,
                environment(account, resources, REALTIME_FUNCTION, apiUrl, realtimeSettings),
                FANOUT_FUNCTION,
                environment(account, resources, FANOUT_FUNCTION, apiUrl, realtimeSettings));
        FunctionEntryPoints functions = switch (options.functions()) {
            case Functions.InProcess ignored ->
                inProcess(environments, resources, options.clock(), lambdaService, started);
            case Functions.Lambda lambda ->
                LambdaFunctions.start(
                        lambda, resources, environments, lambdaService, dataDir.serviceDirectory("lambda"), started);
        };
        String workQueueUrl = resources.sqsTriggeredFunctions().get(QUEUE_WORKER_FUNCTION);
        AwsClients pollerClients = new AwsClients(account);
        started.push(pollerClients);
        started.push(SqsEventSourcePoller.start(
                pollerClients.sqs(), workQueueUrl, functions.worker(), functions.workerConcurrency()));
        StoredTimers.rearm(environments.get(QUEUE_WORKER_FUNCTION), options.clock());
        String table = Settings.fromEnvironment(apiEnvironment).tableName();
        String streamArn = pollerClients
                .dynamoDb()
                .describeTable(b -> b.tableName(table))
                .table()
                .latestStreamArn();
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(dynamoDb.endpoint())
                .region(Region.of(LocalResources.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        started.push(streams);
        // the emulator wakes the poller when a write appends stream records: updates reach subscribers at once
        started.push(DynamoDbStreamPoller.start(
                streams,
                streamArn,
                LocalResources.REGION,
                functions.fanout(),
                STREAM_IDLE_PAUSE,
                dynamoDb.streamActivity()));

        Gateway gateway;
        try {
            heldPort.close();
            gateway = Gateway.start(
                    port,
                    new Gateway.HttpRoute(API_FUNCTION, resources.timeoutOf(API_FUNCTION), functions.api()),
                    Optional.of(new Gateway.WebSocketRoute(
                            REALTIME_PATH,
                            REALTIME_FUNCTION,
                            resources.timeoutOf(REALTIME_FUNCTION),
                            functions.realtime())));
        } catch (Gateway.PortInUseException e) {
            throw new LocalStackException(e.getMessage());
        }
        started.push(gateway);
        Settings apiSettings = Settings.fromEnvironment(apiEnvironment);
        StackFile stackFile = new StackFile(
                apiUrl,
                sqs.endpoint().toString(),
                LocalResources.REGION,
                workQueueUrl,
                apiSettings.deadLetterQueueUrl(),
                apiEnvironment.get("AWS_ENDPOINT_URL_DYNAMODB"),
                apiEnvironment.get("AWS_ENDPOINT_URL_SECRETS_MANAGER"),
                apiSettings.tableName(),
                apiSettings.masterKeySecretArn());
        stackFile.write(dataDir.root());
        return new LocalStack(started, gateway.endpoint(), credentials, environments, stackFile, dynamoDb);
    }

    /** The handler classes in this process, with one JS engine for every function, as one Lambda container has one. */
    private static FunctionEntryPoints inProcess(
            Map<String, Map<String, String>> environments,
            LocalResources resources,
            Clock clock,
            LambdaInvokeApi lambdaService,
            Deque<AutoCloseable> started) {
        MachineEngine engine =
                MachineEngine.create(EngineSettings.fromEnvironment(environments.get(PROCESSOR_FUNCTION)));
        started.push(engine);
        QueueWorkerHandler worker = new QueueWorkerHandler(environments.get(QUEUE_WORKER_FUNCTION), engine, clock);
        ProcessorHandler processor = new ProcessorHandler(environments.get(PROCESSOR_FUNCTION), engine, clock);
        int processorTimeout = resources.timeoutOf(PROCESSOR_FUNCTION);
        lambdaService.register(
                PROCESSOR_FUNCTION,
                payload -> InProcessInvocation.of(
                        PROCESSOR_FUNCTION, processorTimeout, payload, processor::handleRequest));
        ApiHandler api = new ApiHandler(environments.get(API_FUNCTION), engine, clock);
        RealtimeHandler realtime = new RealtimeHandler(environments.get(REALTIME_FUNCTION), engine);
        UpdateFanoutHandler fanout = new UpdateFanoutHandler(environments.get(FANOUT_FUNCTION), engine);
        int workerTimeout = resources.timeoutOf(QUEUE_WORKER_FUNCTION);
        int fanoutTimeout = resources.timeoutOf(FANOUT_FUNCTION);
        return new FunctionEntryPoints(
                api::handleRequest,
                event -> worker.handleRequest(event, new LocalLambdaContext(QUEUE_WORKER_FUNCTION, workerTimeout)),
                WORKER_CONCURRENCY,
                realtime::handleRequest,
                event -> fanout.handleRequest(event, new LocalLambdaContext(FANOUT_FUNCTION, fanoutTimeout)));
    }

    /** First start of a data directory: an org and a key with every scope. */
    private static LocalCredentials bootstrapAdmin(Map<String, String> apiEnvironment, String apiUrl) {
        Settings settings = Settings.fromEnvironment(apiEnvironment);
        try (AwsClients aws = new AwsClients(apiEnvironment)) {
            OrgAdmins.Admin admin =
                    OrgAdmins.create(aws, settings.tableName(), settings.masterKeySecretArn(), "local", true);
            return new LocalCredentials(
                    apiUrl,
                    admin.org().id(),
                    admin.key().key().id(),
                    admin.key().secret());
        }
    }

    /**
     * A function's environment: what the account gives it, the template's variables, the stack's public URL (which
     * the DomainName parameter names on AWS; here the gateway's own address, so tokens may name it as audience and
     * upload forms point at it), then the caller's overrides.
     */
    private static Map<String, String> environment(
            Map<String, String> account,
            LocalResources resources,
            String function,
            String apiUrl,
            Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(account);
        environment.putAll(resources.functionEnvironment(function));
        environment.put(Settings.API_URL, apiUrl);
        environment.putAll(overrides);
        return Map.copyOf(environment);
    }

    public URI apiUrl() {
        return apiUrl;
    }

    public LocalCredentials credentials() {
        return credentials;
    }

    /** Where the running stack's queues are (also in {@code DIR/stack.json}, for operator commands). */
    public StackFile stackFile() {
        return stackFile;
    }

    /** The environment the API function runs with: endpoints of the emulators and the template's variables. */
    public Map<String, String> apiEnvironment() {
        return environmentOf(API_FUNCTION);
    }

    /** The environment a function of the template runs with here. */
    public Map<String, String> environmentOf(String function) {
        return environments.get(function);
    }

    /**
     * The time the DynamoDB emulator's time to live goes by. A test moves it ahead ({@code advance(Duration)}) to have
     * history and logs expire without waiting for their retention, then calls {@link #runDynamoDbMaintenanceNow}.
     * Nothing else reads it: the functions' and the timers' clocks are not moved by it.
     */
    public EmulatorClock dynamoDbClock() {
        return dynamoDb.ttlClock();
    }

    /**
     * Deletes the items whose time to live has passed by {@link #dynamoDbClock()} now, instead of within the
     * emulator's maintenance interval ({@value DynamoDbEmulator#MAINTENANCE_INTERVAL_SECONDS} s).
     */
    public void runDynamoDbMaintenanceNow() {
        dynamoDb.runMaintenanceNow();
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception ignored) {
                // keep closing the rest; a failed close at shutdown has no one to report to
            }
        }
    }
}
