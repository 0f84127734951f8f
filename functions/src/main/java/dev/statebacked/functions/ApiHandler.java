package dev.statebacked.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.statebacked.api.ApiRoutes;
import dev.statebacked.api.HealthOperation;
import dev.statebacked.api.Router;
import dev.statebacked.config.AwsClients;
import dev.statebacked.config.Settings;
import dev.statebacked.messaging.SqsQueueProbe;
import dev.statebacked.store.DynamoTableProbe;
import dev.statebacked.timers.ScheduleGroupProbe;
import java.util.List;
import java.util.Map;

/** The HTTP API function: API Gateway event in, the core's router, API Gateway response out. */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Router router;

    /** Lambda's entry: configuration from the environment template.yaml sets. */
    public ApiHandler() {
        this(System.getenv());
    }

    public ApiHandler(Map<String, String> environment) {
        Settings settings = Settings.fromEnvironment(environment);
        AwsClients aws = new AwsClients(environment);
        HealthOperation health = new HealthOperation(List.of(
                new DynamoTableProbe(aws.dynamoDb(), settings.tableName()),
                new SqsQueueProbe(aws.sqs(), settings.queueUrl()),
                new ScheduleGroupProbe(aws.scheduler(), settings.scheduleGroup())));
        this.router = ApiRoutes.create(health);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return GatewayEvents.toResponse(router.handle(GatewayEvents.toRequest(event)));
    }
}
