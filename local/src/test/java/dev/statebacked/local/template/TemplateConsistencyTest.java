package dev.statebacked.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

class TemplateConsistencyTest {
    private static final Path ARTIFACT = Path.of("..", "functions", "target", "statebacked-functions-lambda.zip");
    private final SamTemplate template = SamTemplate.packaged();

    @Test
    void everyRefAndGetAttNamesAResourceOrParameter() {
        Set<String> known = new HashSet<>(template.resources().keySet());
        known.addAll(template.parameters().keySet());
        List<String> referenced = Intrinsics.referencedNames(template.raw());

        assertThat(referenced).isNotEmpty();
        assertThat(referenced)
                .allSatisfy(name -> assertThat(name.startsWith("AWS::") || known.contains(name))
                        .as("%s is a resource, a parameter or a pseudo parameter", name)
                        .isTrue());
    }

    @Test
    void everyHandlerNamesAClassWithHandleRequestAtTheArtifactsRoot() throws IOException {
        List<String> handlers = template.resources().values().stream()
                .filter(r -> r.type().equals("AWS::Serverless::Function"))
                .map(r -> String.valueOf(r.properties().get("Handler")))
                .toList();

        assertThat(handlers).hasSizeGreaterThanOrEqualTo(2);
        try (ZipFile zip = new ZipFile(ARTIFACT.toFile())) {
            for (String handler : handlers) {
                String className = handler.split("::")[0];
                String method = handler.contains("::") ? handler.split("::")[1] : "handleRequest";
                assertThat(zip.getEntry(className.replace('.', '/') + ".class"))
                        .as(handler)
                        .isNotNull();
                assertThat(Stream.of(classNamed(className).getMethods()).map(java.lang.reflect.Method::getName))
                        .as(handler)
                        .contains(method);
            }
        }
    }

    @Test
    void theRealtimeStageIsThePathClientsUseAndTheEndpointTheFunctionsPostTo() {
        // the stage's name is written out where a Ref would make a cycle: each copy must name the same stage
        String stage = String.valueOf(
                template.resources().get("RealtimeApiStage").properties().get("StageName"));
        Map<String, Object> distribution = SamTemplate.asMap(
                template.resources().get("ApiDistribution").properties().get("DistributionConfig"));
        List<Map<String, Object>> behaviours = ((List<?>) distribution.get("CacheBehaviors"))
                .stream().map(SamTemplate::asMap).toList();
        String policy =
                String.valueOf(template.resources().get("RealtimeAccessPolicy").properties());

        assertThat(stage)
                .as("the path @statebacked/client connects to, after its apiHost")
                .isEqualTo("rt");
        assertThat(behaviours)
                .filteredOn(b -> "RealtimeApi".equals(b.get("TargetOriginId")))
                .singleElement()
                .satisfies(b -> assertThat(b.get("PathPattern")).isEqualTo("/" + stage));
        assertThat(policy).contains("${RealtimeApi}/" + stage + "/*/@connections/*");
        for (String function : List.of("RealtimeFunction", "UpdateFanoutFunction")) {
            Map<String, Object> variables = SamTemplate.asMap(SamTemplate.asMap(
                            template.resources().get(function).properties().get("Environment"))
                    .get("Variables"));
            assertThat(String.valueOf(SamTemplate.asMap(variables.get("STATEBACKED_WEBSOCKET_ENDPOINT"))
                            .get("Fn::Sub")))
                    .as(function)
                    .isEqualTo("https://${RealtimeApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" + stage);
        }
    }

    @Test
    void everyFunctionDeploysTheOneArtifactTheBuildMakes() {
        assertThat(template.functionGlobals().get("CodeUri")).isEqualTo("functions/target/" + ARTIFACT.getFileName());
        assertThat(template.resources().values().stream().filter(r -> r.type().equals("AWS::Serverless::Function")))
                .allSatisfy(f -> assertThat(f.properties()).doesNotContainKey("CodeUri"));
    }

    @Test
    void theArtifactKeepsDependencyJarsWholeInLibAndLeavesTheEmulatorsOut() throws IOException {
        try (ZipFile zip = new ZipFile(ARTIFACT.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertThat(names)
                    .as("Lambda's class loader reads classes at the root and jars in lib/")
                    .contains("lib/polyglot-25.0.2.jar", "lib/statebacked-shared-0.1.0-SNAPSHOT.jar")
                    .noneMatch(name -> name.startsWith("org/graalvm/") || name.startsWith("META-INF/versions/"));
            assertThat(names)
                    .noneMatch(name -> name.startsWith("dev/statebacked/local/")
                            || name.contains("elasticmq")
                            || name.contains("jetty"));
            assertThat(names)
                    .as("the Graal compiler JAVA_TOOL_OPTIONS names")
                    .contains("jit/compiler.jar", "jit/collections.jar", "jit/word.jar", "jit/truffle-compiler.jar");
        }
    }

    private static Class<?> classNamed(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("handler class " + name + " is not on the classpath", e);
        }
    }
}
