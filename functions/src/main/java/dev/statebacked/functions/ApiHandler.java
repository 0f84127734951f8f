package dev.statebacked.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.statebacked.api.ApiRequest;
import dev.statebacked.api.ApiRoutes;
import dev.statebacked.api.Authenticator;
import dev.statebacked.api.HealthOperation;
import dev.statebacked.api.HttpApiOperations;
import dev.statebacked.api.IdentityOperations;
import dev.statebacked.api.IndexOperations;
import dev.statebacked.api.InstanceOperations;
import dev.statebacked.api.KeyOperations;
import dev.statebacked.api.LogOperations;
import dev.statebacked.api.MachineOperations;
import dev.statebacked.api.MigrationOperations;
import dev.statebacked.api.OrgOperations;
import dev.statebacked.api.PublicUrl;
import dev.statebacked.api.Router;
import dev.statebacked.api.ServiceProbe;
import dev.statebacked.api.TokenOperations;
import dev.statebacked.api.VersionOperations;
import dev.statebacked.auth.AnonymousSessions;
import dev.statebacked.auth.IdentityProviderRepository;
import dev.statebacked.auth.SubjectTokens;
import dev.statebacked.auth.TokenExchange;
import dev.statebacked.auth.TokenProviderRepository;
import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.engine.MachineEngine;
import dev.statebacked.indexes.IndexQueries;
import dev.statebacked.instances.HttpApiRequests;
import dev.statebacked.instances.InlineFirstEvents;
import dev.statebacked.instances.LambdaFunctionInvoker;
import dev.statebacked.instances.ProcessorFunctionEvents;
import dev.statebacked.logs.LogReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The HTTP API function: API Gateway event in, the core's router, API Gateway response out. Its constructor
 * is the composition root of the API: every dependency is made here, from the environment.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The function that processes events (its timeout fits the settle budget, the API's does not). */
    public static final String PROCESSOR_FUNCTION = "STATEBACKED_PROCESSOR_FUNCTION";
    /** How long the API waits for the processor before it answers from the stored state (API Gateway: 30 s). */
    public static final String ANSWER_WITHIN = "STATEBACKED_ANSWER_WITHIN_SECONDS";

    private final Router router;
    private final SnapStartHooks snapStart;

    /** Lambda's entry: configuration from the environment template.yaml sets. */
    public ApiHandler() {
        this(System.getenv());
    }

    public ApiHandler(Map<String, String> environment) {
        this(environment, ProcessEngine.get());
    }

    /** With an engine the caller shares (the local stack runs several functions in one process). */
    public ApiHandler(Map<String, String> environment, MachineEngine engine) {
        this(environment, engine, Clock.systemUTC());
    }

    /** With the clock timers are due by (the local stack's tests move it). */
    public ApiHandler(Map<String, String> environment, MachineEngine engine, Clock timerClock) {
        Core core = new Core(environment, engine, timerClock);
        Settings settings = core.settings;
        Authenticator authenticator = new Authenticator(core.tokens, core.orgs);
        PublicUrl publicUrl = new PublicUrl(settings.apiUrl());
        IdentityProviderRepository identityProviders = new IdentityProviderRepository(core.store, core.sealer);
        TokenProviderRepository tokenProviders = new TokenProviderRepository(core.store);
        TokenExchange exchange = new TokenExchange(
                core.orgs,
                identityProviders,
                tokenProviders,
                new SubjectTokens(identityProviders, core.clock),
                new AnonymousSessions(core.store, core.keys, core.keyCache, core.clock),
                core.keyCache,
                core.clock);
        AwsClients aws = core.aws;
        InlineFirstEvents events = new InlineFirstEvents(core.processor, processorFunction(environment, core));
        HealthOperation health = new HealthOperation(List.of(
                new ServiceProbe(
                        "dynamodb", () -> aws.dynamoDb().describeTable(b -> b.tableName(settings.tableName()))),
                new ServiceProbe(
                        "sqs",
                        () -> aws.sqs()
                                .getQueueAttributes(
                                        b -> b.queueUrl(settings.queueUrl()).attributeNamesWithStrings("QueueArn"))),
                new ServiceProbe(
                        "scheduler", () -> aws.scheduler().getScheduleGroup(b -> b.name(settings.scheduleGroup())))));
        this.router = ApiRoutes.create(
                authenticator,
                new ApiRoutes.Operations(
                        health,
                        new KeyOperations(core.keys, core.keyCache),
                        new OrgOperations(core.orgRepository),
                        new IdentityOperations(identityProviders, tokenProviders, core.keys),
                        new TokenOperations(exchange),
                        new MachineOperations(
                                core.machines, core.versions, core.migrationRecords, core.store, core.clock),
                        new VersionOperations(
                                core.machineVersions, core.machines, core.versions, core.uploads, publicUrl),
                        new MigrationOperations(core.migrations, publicUrl),
                        new InstanceOperations(core.processor, events, core.instances, core.machines, core.versions),
                        new IndexOperations(new IndexQueries(core.machines, core.store)),
                        new HttpApiOperations(new HttpApiRequests(
                                core.machines,
                                core.instances,
                                core.machineVersions,
                                core.engine,
                                events,
                                core.logs,
                                core.clock)),
                        new LogOperations(new LogReader(core.store, core.clock))));
        this.snapStart = SnapStartHooks.register(
                () -> {
                    core.prime();
                    router.handle(new ApiRequest("GET", "/health", Map.of(), Map.of(), new byte[0]));
                },
                core::afterRestore);
    }

    private static ProcessorFunctionEvents processorFunction(Map<String, String> environment, Core core) {
        String name = environment.get(PROCESSOR_FUNCTION);
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("environment variable " + PROCESSOR_FUNCTION + " is not set");
        }
        return new ProcessorFunctionEvents(
                new LambdaFunctionInvoker(core.aws.lambda(), name),
                core.instances,
                Duration.ofSeconds(Long.parseLong(environment.getOrDefault(ANSWER_WITHIN, "25"))),
                core.clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return GatewayEvents.toResponse(router.handle(GatewayEvents.toRequest(event)));
    }
}
