package dev.statebacked.store;

import dev.statebacked.config.AwsClients;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store contract against LocalStack in a container, where a Docker engine is present. */
@ExtendWith(LocalStackContainerItemStoreTest.RequiresDocker.class)
class LocalStackContainerItemStoreTest extends DynamoItemStoreContract {
    private static LocalStackContainer localstack;
    private static AwsClients aws;

    @BeforeAll
    static void start() {
        localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
                .withServices(LocalStackContainer.Service.DYNAMODB);
        localstack.start();
        aws = new AwsClients(Map.of(
                "AWS_REGION",
                localstack.getRegion(),
                "AWS_ACCESS_KEY_ID",
                localstack.getAccessKey(),
                "AWS_SECRET_ACCESS_KEY",
                localstack.getSecretKey(),
                "AWS_ENDPOINT_URL_DYNAMODB",
                localstack.getEndpoint().toString()));
        createTable(aws.dynamoDb());
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Override
    DynamoDbClient dynamoDb() {
        return aws.dynamoDb();
    }

    /** Skips the class, saying why, where no Docker engine answers (as on the project's build machines). */
    static final class RequiresDocker implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean available;
            try {
                available = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                available = false;
            }
            if (available) {
                return ConditionEvaluationResult.enabled("a Docker engine is available");
            }
            String reason = "LocalStack container tests skipped: no Docker engine is reachable on this machine";
            System.out.println(reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
