package dev.statebacked.local.template;

import static dev.statebacked.local.template.SamTemplate.asMap;

import dev.statebacked.config.AwsClients;
import dev.statebacked.json.Json;
import dev.statebacked.local.LocalStackException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates, on the embedded emulators, the tables, queues, schedule group and secrets that template.yaml
 * declares, and answers the template's {@code Ref}/{@code GetAtt} with what was created. Resource types that
 * nothing local plays (roles, policies, log groups, alarms, topics) are only named. Idempotent: a restart on
 * the same data directory finds everything in place.
 */
public final class LocalResources {
    public static final String STACK_NAME = "statebacked-local";
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";

    private final SamTemplate template;
    private final Map<String, String> parameters;
    private final Map<String, String> refs = new HashMap<>();
    private final Map<String, String> attributes = new HashMap<>();
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final Intrinsics intrinsics;

    private LocalResources(SamTemplate template, Map<String, String> parameters) {
        this.template = template;
        this.parameters = Map.copyOf(parameters);
        this.intrinsics = new Intrinsics(this::ref, this::getAtt, this::condition);
    }

    /** The template's function settings (handler, timeout, memory), with nothing created. */
    public static LocalResources describe(SamTemplate template) {
        return new LocalResources(template, Map.of());
    }

    /**
     * Creates what the template declares. {@code parameters} answers the template's parameters;
     * {@code generatedSecrets} gives, by logical id, the value of each secret that the template has Secrets
     * Manager generate ({@code GenerateSecretString}), which the local stack keeps in files of its own.
     */
    public static LocalResources provision(
            SamTemplate template,
            Map<String, String> parameters,
            Map<String, String> generatedSecrets,
            AwsClients aws) {
        DynamoDbClient dynamoDb = aws.dynamoDb();
        SqsClient sqs = aws.sqs();
        SchedulerClient scheduler = aws.scheduler();
        LocalResources resources = new LocalResources(template, parameters);
        // a resource whose condition does not hold does not exist, as on AWS: a Ref to it fails loudly
        Map<String, SamTemplate.Resource> all = new LinkedHashMap<>();
        template.resources().forEach((id, r) -> {
            if (r.condition().map(resources::condition).orElse(true)) {
                all.put(id, r);
            }
        });
        // queues first in dependency order: a redrive policy names its dead-letter queue's ARN
        List<SamTemplate.Resource> queues = new ArrayList<>(all.values().stream()
                .filter(r -> r.type().equals("AWS::SQS::Queue"))
                .toList());
        queues.sort((a, b) -> Boolean.compare(
                !Intrinsics.referencedNames(a.properties()).isEmpty(),
                !Intrinsics.referencedNames(b.properties()).isEmpty()));
        for (SamTemplate.Resource queue : queues) {
            resources.createQueue(queue, sqs);
        }
        for (SamTemplate.Resource resource : all.values()) {
            switch (resource.type()) {
                case "AWS::DynamoDB::Table" -> resources.createTable(resource, dynamoDb);
                case "AWS::Scheduler::ScheduleGroup" -> resources.createScheduleGroup(resource, scheduler);
                case "AWS::SecretsManager::Secret" ->
                    resources.createSecret(resource, aws.secretsManager(), generatedSecrets);
                case "AWS::IAM::Role" -> {
                    resources.refs.put(resource.logicalId(), resource.logicalId());
                    resources.attributes.put(
                            resource.logicalId() + ".Arn", "arn:aws:iam::" + ACCOUNT + ":role/" + resource.logicalId());
                }
                case "AWS::Serverless::Function" -> {
                    // locally a function is invoked by its name; its published alias is the same function
                    resources.refs.put(resource.logicalId(), resource.logicalId());
                    resources.refs.put(resource.logicalId() + ".Alias", resource.logicalId());
                }
                default -> resources.refs.putIfAbsent(resource.logicalId(), resource.logicalId());
            }
        }
        return resources;
    }

    /** The environment variables a function of the template runs with: globals, then its own. */
    public Map<String, String> functionEnvironment(String functionLogicalId) {
        SamTemplate.Resource function = template.resources().get(functionLogicalId);
        if (function == null || !function.type().equals("AWS::Serverless::Function")) {
            throw new IllegalArgumentException("no serverless function " + functionLogicalId + " in the template");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> source : List.of(template.functionGlobals(), function.properties())) {
            // resolved as a whole, so that a variable that resolves to AWS::NoValue is left out
            asMap(intrinsics.resolve(asMap(source.get("Environment")).get("Variables")))
                    .forEach((name, value) -> environment.put(name, String.valueOf(value)));
        }
        return environment;
    }

    /** Functions that the template triggers from an SQS queue, with that queue's URL. */
    public Map<String, String> sqsTriggeredFunctions() {
        Map<String, String> triggered = new LinkedHashMap<>();
        template.resources().values().stream()
                .filter(r -> r.type().equals("AWS::Serverless::Function"))
                .forEach(f -> asMap(f.properties().get("Events")).values().forEach(event -> {
                    Map<String, Object> e = asMap(event);
                    if ("SQS".equals(e.get("Type"))) {
                        String arn = intrinsics.resolveString(
                                asMap(e.get("Properties")).get("Queue"));
                        triggered.put(f.logicalId(), queueUrlForArn(arn));
                    }
                }));
        return triggered;
    }

    /** The function's timeout in seconds (its own, else the globals', else Lambda's default of 3). */
    public int timeoutOf(String functionLogicalId) {
        return Integer.parseInt(String.valueOf(functionProperty(functionLogicalId, "Timeout", 3)));
    }

    /** The function's memory size in MB (its own, else the globals', else Lambda's default of 128). */
    public int memorySizeOf(String functionLogicalId) {
        return Integer.parseInt(String.valueOf(functionProperty(functionLogicalId, "MemorySize", 128)));
    }

    /** Whether the function is published with SnapStart (its CRaC hooks run at init). */
    public boolean snapStartOf(String functionLogicalId) {
        Object snapStart = functionProperty(functionLogicalId, "SnapStart", Map.of());
        return "PublishedVersions".equals(asMap(snapStart).get("ApplyOn"));
    }

    private Object functionProperty(String functionLogicalId, String property, Object lambdaDefault) {
        Object own = template.resources().get(functionLogicalId).properties().get(property);
        return own != null ? own : template.functionGlobals().getOrDefault(property, lambdaDefault);
    }

    /** The handler ({@code class::method}) of a function. */
    public String handlerOf(String functionLogicalId) {
        return String.valueOf(
                template.resources().get(functionLogicalId).properties().get("Handler"));
    }

    private String queueUrlForArn(String arn) {
        return attributes.entrySet().stream()
                .filter(e -> e.getKey().endsWith(".Arn") && e.getValue().equals(arn))
                .map(e -> refs.get(e.getKey().substring(0, e.getKey().length() - 4)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no local queue with ARN " + arn));
    }

    private String ref(String name) {
        return switch (name) {
            case "AWS::StackName" -> STACK_NAME;
            case "AWS::Region" -> REGION;
            case "AWS::AccountId" -> ACCOUNT;
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::Partition" -> "aws";
            default -> {
                if (template.parameters().containsKey(name)) {
                    yield Optional.ofNullable(parameters.get(name))
                            .or(() -> Optional.ofNullable(
                                            asMap(template.parameters().get(name))
                                                    .get("Default"))
                                    .map(String::valueOf))
                            .orElseThrow(() ->
                                    new IllegalStateException("template parameter " + name + " has no local value"));
                }
                String value = refs.get(name);
                if (value == null) {
                    throw new IllegalStateException("Ref to " + name + ", which the local stack has not created");
                }
                yield value;
            }
        };
    }

    private boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            if (!template.conditions().containsKey(name)) {
                throw new IllegalStateException("the template has no condition " + name);
            }
            known = intrinsics.holds(template.conditions().get(name));
            conditions.put(name, known);
        }
        return known;
    }

    private String getAtt(String logicalId, String attribute) {
        String value = attributes.get(logicalId + "." + attribute);
        if (value == null) {
            throw new IllegalStateException("GetAtt " + logicalId + "." + attribute + " is not known locally");
        }
        return value;
    }

    private void createQueue(SamTemplate.Resource resource, SqsClient sqs) {
        Map<String, Object> properties = asMap(intrinsics.resolve(resource.properties()));
        String name = String.valueOf(properties.getOrDefault("QueueName", resource.logicalId()));
        Map<QueueAttributeName, String> queueAttributes = new HashMap<>();
        properties.forEach((key, value) -> {
            QueueAttributeName attribute = QueueAttributeName.fromValue(key);
            if (attribute != QueueAttributeName.UNKNOWN_TO_SDK_VERSION && attribute != QueueAttributeName.QUEUE_ARN) {
                queueAttributes.put(attribute, value instanceof Map<?, ?> m ? Json.write(m) : String.valueOf(value));
            }
        });
        String url = sqs.createQueue(b -> b.queueName(name).attributes(queueAttributes))
                .queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        refs.put(resource.logicalId(), url);
        attributes.put(resource.logicalId() + ".Arn", arn);
        attributes.put(resource.logicalId() + ".QueueName", name);
        attributes.put(resource.logicalId() + ".QueueUrl", url);
    }

    private void createTable(SamTemplate.Resource resource, DynamoDbClient dynamoDb) {
        Map<String, Object> p = asMap(intrinsics.resolve(resource.properties()));
        String name = String.valueOf(p.getOrDefault("TableName", resource.logicalId()));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(p.get("AttributeDefinitions")).stream()
                        .map(d -> AttributeDefinition.builder()
                                .attributeName(str(d, "AttributeName"))
                                .attributeType(str(d, "AttributeType"))
                                .build())
                        .toList())
                .keySchema(keySchema(p.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = list(p.get("GlobalSecondaryIndexes")).stream()
                .map(i -> GlobalSecondaryIndex.builder()
                        .indexName(str(i, "IndexName"))
                        .keySchema(keySchema(i.get("KeySchema")))
                        .projection(Projection.builder()
                                .projectionType(str(asMap(i.get("Projection")), "ProjectionType"))
                                .nonKeyAttributes(
                                        stringList(asMap(i.get("Projection")).get("NonKeyAttributes")))
                                .build())
                        .build())
                .toList();
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        Map<String, Object> stream = asMap(p.get("StreamSpecification"));
        if (!stream.isEmpty()) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(str(stream, "StreamViewType"))
                    .build());
        }
        try {
            dynamoDb.createTable(request.build());
        } catch (ResourceInUseException alreadyThere) {
            // a restart on the same data directory: the table and its items are kept
        }
        Map<String, Object> ttl = asMap(p.get("TimeToLiveSpecification"));
        boolean ttlEnabled = dynamoDb.describeTimeToLive(b -> b.tableName(name))
                .timeToLiveDescription()
                .timeToLiveStatusAsString()
                .startsWith("ENABL");
        // as on AWS, enabling TTL twice is an error, so a restart only enables it when it is not on yet
        if (Boolean.TRUE.equals(ttl.get("Enabled")) && !ttlEnabled) {
            dynamoDb.updateTimeToLive(b -> b.tableName(name)
                    .timeToLiveSpecification(t -> t.enabled(true).attributeName(str(ttl, "AttributeName"))));
        }
        var description = dynamoDb.describeTable(b -> b.tableName(name)).table();
        refs.put(resource.logicalId(), name);
        attributes.put(resource.logicalId() + ".Arn", description.tableArn());
        if (description.latestStreamArn() != null) {
            attributes.put(resource.logicalId() + ".StreamArn", description.latestStreamArn());
        }
    }

    private void createScheduleGroup(SamTemplate.Resource resource, SchedulerClient scheduler) {
        Map<String, Object> p = asMap(intrinsics.resolve(resource.properties()));
        String name = String.valueOf(p.getOrDefault("Name", resource.logicalId()));
        try {
            scheduler.createScheduleGroup(b -> b.name(name));
        } catch (ConflictException alreadyThere) {
            // kept from an earlier start
        }
        refs.put(resource.logicalId(), name);
        attributes.put(
                resource.logicalId() + ".Arn",
                "arn:aws:scheduler:" + REGION + ":" + ACCOUNT + ":schedule-group/" + name);
    }

    private void createSecret(
            SamTemplate.Resource resource, SecretsManagerClient secretsManager, Map<String, String> generatedSecrets) {
        Map<String, Object> p = asMap(intrinsics.resolve(resource.properties()));
        String name = String.valueOf(p.getOrDefault("Name", resource.logicalId()));
        String value = p.containsKey("SecretString")
                ? String.valueOf(p.get("SecretString"))
                : generatedSecrets.get(resource.logicalId());
        if (value == null) {
            throw new IllegalStateException("secret " + resource.logicalId()
                    + " has Secrets Manager generate its value," + " and the local stack keeps none for it");
        }
        String arn;
        try {
            arn = secretsManager
                    .createSecret(b -> b.name(name)
                            .secretString(value)
                            .description(p.containsKey("Description") ? String.valueOf(p.get("Description")) : null))
                    .arn();
        } catch (ResourceExistsException alreadyThere) {
            // kept from an earlier start; it must still be the value the local stack holds, or stored data is lost
            GetSecretValueResponse stored = secretsManager.getSecretValue(b -> b.secretId(name));
            if (!value.equals(stored.secretString())) {
                throw new LocalStackException("the local Secrets Manager holds another value for secret " + name
                        + " than the data directory's own copy of it (was that file replaced?)");
            }
            arn = stored.arn();
        }
        // a secret's Ref is its ARN, as on AWS
        refs.put(resource.logicalId(), arn);
        attributes.put(resource.logicalId() + ".Id", arn);
    }

    private static List<KeySchemaElement> keySchema(Object value) {
        return list(value).stream()
                .map(k -> KeySchemaElement.builder()
                        .attributeName(str(k, "AttributeName"))
                        .keyType(str(k, "KeyType"))
                        .build())
                .toList();
    }

    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? l.stream().map(SamTemplate::asMap).toList() : List.of();
    }

    private static List<String> stringList(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static String str(Map<String, Object> map, String key) {
        return String.valueOf(map.get(key));
    }
}
