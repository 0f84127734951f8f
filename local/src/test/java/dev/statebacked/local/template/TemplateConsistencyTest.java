package dev.statebacked.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

class TemplateConsistencyTest {
    private final SamTemplate template = SamTemplate.packaged();

    @Test
    void everyRefAndGetAttNamesAResourceOrParameter() {
        Set<String> known = new HashSet<>(template.resources().keySet());
        known.addAll(template.parameters().keySet());
        List<String> referenced = Intrinsics.referencedNames(template.raw());

        assertThat(referenced).isNotEmpty();
        assertThat(referenced).allSatisfy(name ->
                assertThat(name.startsWith("AWS::") || known.contains(name))
                        .as("%s is a resource, a parameter or a pseudo parameter", name).isTrue());
    }

    @Test
    void everyHandlerNamesAClassWithHandleRequestInTheLambdaJar() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("..", "functions", "target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).findFirst().orElseThrow();
        }
        List<String> handlers = template.resources().values().stream()
                .filter(r -> r.type().equals("AWS::Serverless::Function"))
                .map(r -> String.valueOf(r.properties().get("Handler")))
                .toList();

        assertThat(handlers).hasSizeGreaterThanOrEqualTo(2);
        try (JarFile zip = new JarFile(jar.toFile())) {
            for (String handler : handlers) {
                String className = handler.split("::")[0];
                String method = handler.contains("::") ? handler.split("::")[1] : "handleRequest";
                assertThat(zip.getEntry(className.replace('.', '/') + ".class")).as(handler).isNotNull();
                assertThat(Stream.of(classNamed(className).getMethods()).map(java.lang.reflect.Method::getName))
                        .as(handler).contains(method);
            }
        }
    }

    @Test
    void theLambdaJarLeavesTheEmulatorsOut() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "functions", "target"));
             JarFile zip = new JarFile(files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar"))
                     .findFirst().orElseThrow().toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName))
                    .noneMatch(name -> name.startsWith("org/elasticmq/") || name.startsWith("dev/statebacked/local/")
                            || name.startsWith("org/eclipse/jetty/"));
            assertThat(zip.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
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
