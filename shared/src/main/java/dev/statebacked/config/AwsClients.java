package dev.statebacked.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the real AWS SDK clients from an environment map. Endpoints follow the SDK's own convention
 * ({@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL_SCHEDULER},
 * {@code AWS_ENDPOINT_URL_LAMBDA}, {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}: the SDK derives the suffix from the
 * service id "Secrets Manager");
 * on Lambda none is set and the regional endpoints apply.
 */
public final class AwsClients implements AutoCloseable {
    private final Map<String, String> env;
    private final SdkHttpClient http;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final SchedulerClient scheduler;
    private final LambdaClient lambda;
    private final SecretsManagerClient secretsManager;
    private ApiGatewayManagementApiClient webSocketConnections;

    public AwsClients(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.http = ApacheHttpClient.builder()
                .maxConnections(128)
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        this.dynamoDb = configure(DynamoDbClient.builder(), "DYNAMODB").build();
        this.sqs = configure(SqsClient.builder(), "SQS").build();
        this.scheduler = configure(SchedulerClient.builder(), "SCHEDULER").build();
        this.secretsManager =
                configure(SecretsManagerClient.builder(), "SECRETS_MANAGER").build();
        // never retried: a function that did not answer may be running still, and must not run twice
        this.lambda = configure(LambdaClient.builder(), "LAMBDA")
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public LambdaClient lambda() {
        return lambda;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public SchedulerClient scheduler() {
        return scheduler;
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager;
    }

    /**
     * The management API of a WebSocket API stage ({@code https://{api}.execute-api.{region}.amazonaws.com/{stage}},
     * locally the gateway): its endpoint is the stage's, whatever the environment says of other services.
     */
    public synchronized ApiGatewayManagementApiClient webSocketConnections(URI stageEndpoint) {
        if (webSocketConnections == null) {
            webSocketConnections = configure(ApiGatewayManagementApiClient.builder(), "APIGATEWAYMANAGEMENTAPI")
                    .endpointOverride(stageEndpoint)
                    .build();
        }
        return webSocketConnections;
    }

    private <
                    B extends
                            AwsClientBuilder<B, C>
                                    & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>,
                    C>
            B configure(B builder, String service) {
        builder.httpClient(http);
        value("AWS_REGION")
                .or(() -> value("AWS_DEFAULT_REGION"))
                .map(Region::of)
                .ifPresent(builder::region);
        value("AWS_ENDPOINT_URL_" + service)
                .or(() -> value("AWS_ENDPOINT_URL"))
                .map(URI::create)
                .ifPresent(builder::endpointOverride);
        builder.credentialsProvider(credentials());
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        Optional<String> keyId = value("AWS_ACCESS_KEY_ID");
        Optional<String> secret = value("AWS_SECRET_ACCESS_KEY");
        if (keyId.isPresent()
                && secret.isPresent()
                && value("AWS_SESSION_TOKEN").isEmpty()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId.get(), secret.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private Optional<String> value(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    @Override
    public void close() {
        dynamoDb.close();
        sqs.close();
        scheduler.close();
        lambda.close();
        secretsManager.close();
        synchronized (this) {
            if (webSocketConnections != null) webSocketConnections.close();
        }
        http.close();
    }
}
